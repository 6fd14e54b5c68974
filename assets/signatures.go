package assets

import (
	"embed"
	"io/fs"
)

//go:embed signatures/*.json
var signatureFS embed.FS

// SignatureFiles returns the built-in signature catalogue: client.json,
// portal.json and server.json, and schema.json, which documents their
// fields. main hands it to app.SetBuiltinCatalogue.
func SignatureFiles() fs.FS {
	sub, err := fs.Sub(signatureFS, "signatures")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "signatures" is valid.
		panic(err)
	}
	return sub
}
