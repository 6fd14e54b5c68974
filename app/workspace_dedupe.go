package app

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/wxlog/wxlog/parsers"
)

// A file on disk is loaded into a workspace once. Paths are compared by
// their key: the absolute, cleaned path with symbolic links resolved. Two
// checks keep a file from loading twice:
//
//   - Before the walk, a path is skipped when an earlier path of the same
//     load has its key, or when it lies inside another folder of the same
//     load or of a load still running on the workspace. A file that the
//     workspace holds already is skipped too.
//   - During the walk, a file whose key the workspace holds already (from
//     an earlier or a concurrent load, or through a link inside a folder)
//     is left out, and so is a file with the same bytes as a held file
//     (see sameContent).
//
// NOTE: keys are compared byte for byte, so on a case-insensitive file
// system (Windows, macOS) the same file under two spellings loads twice.

// pathKey returns the absolute, cleaned path of p with symbolic links
// resolved, or the absolute path alone when p cannot be resolved, such as
// a path that does not exist.
func pathKey(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		return resolved
	}
	return abs
}

// within reports whether key lies inside the folder dir; both are keys.
func within(key, dir string) bool {
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(key, dir)
}

// loadPlan is the part of one load that keeps files from loading twice:
// the paths to walk, the paths skipped before the walk, and the files the
// walk admitted or skipped.
type loadPlan struct {
	ws *Workspace
	// paths are the paths to walk, and callerPaths are the same paths as
	// the caller wrote them, because a link to a folder gets a trailing
	// separator. folders are the keys of the folders, registered in
	// ws.walking until done.
	paths       []string
	callerPaths []string
	folders     []string
	// skippedArgs are the paths skipped before the walk, as given.
	skippedArgs []string

	// The walk runs on one goroutine, which alone uses these fields,
	// except owned: foreign reads it beside the walk, so it is written
	// under ws.mu. current is the disk path of the last item, currentKey
	// its key and admitted the decision on it: the items of an archive
	// share the archive's path and follow the decision on its first item.
	current    string
	currentKey string
	admitted   bool
	owned      map[string]bool
	// files lists the disk paths the walk met, in order, and skipped
	// those it left out. copies maps each skipped path that has the same
	// content as a held file to that file's path.
	files   []string
	skipped map[string]bool
	copies  map[string]string
}

// planLoad decides which of paths to walk and registers their folders as
// being walked. Call done when the load ends.
func (ws *Workspace) planLoad(paths []string) *loadPlan {
	p := &loadPlan{ws: ws, owned: map[string]bool{}, skipped: map[string]bool{}, copies: map[string]string{}}
	keys := make([]string, len(paths))
	isDir := make([]bool, len(paths))
	for i, path := range paths {
		keys[i] = pathKey(path)
		info, err := os.Stat(path)
		isDir[i] = err == nil && info.IsDir()
	}

	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.walking == nil {
		ws.walking = map[string]int{}
	}
	for i, path := range paths {
		if ws.alreadyLoading(i, keys, isDir) {
			p.skippedArgs = append(p.skippedArgs, path)
			continue
		}
		p.callerPaths = append(p.callerPaths, path)
		if isDir[i] && isLink(path) {
			// The walk does not follow a link to a folder unless the
			// path ends in a separator, and would find no file in it.
			path = strings.TrimRight(path, string(filepath.Separator)) + string(filepath.Separator)
		}
		p.paths = append(p.paths, path)
		if isDir[i] {
			p.folders = append(p.folders, keys[i])
			ws.walking[keys[i]]++
		}
	}
	return p
}

// isLink reports whether path, without a trailing separator, is a
// symbolic link.
func isLink(path string) bool {
	info, err := os.Lstat(strings.TrimRight(path, string(filepath.Separator)))
	return err == nil && info.Mode()&os.ModeSymlink != 0
}

// alreadyLoading reports whether path i of a load repeats an earlier
// path of it, lies inside another of its folders or a folder that another
// load walks now, or is a file that the workspace holds. ws.mu is held.
func (ws *Workspace) alreadyLoading(i int, keys []string, isDir []bool) bool {
	key := keys[i]
	for j, other := range keys {
		if j < i && other == key {
			return true
		}
		if j != i && isDir[j] && within(key, other) {
			return true
		}
	}
	for dir := range ws.walking {
		if dir == key || within(key, dir) {
			return true
		}
	}
	return !isDir[i] && ws.files[key] > 0
}

// admit decides whether the walk passes item on to be parsed, and counts
// the admitted item under its file's key, returned for the source. An
// in-memory item (no Path) is always admitted with the key "".
func (p *loadPlan) admit(item parsers.Item) (key string, ok bool) {
	if item.Path == "" {
		return "", true
	}
	if item.Path != p.current {
		p.current = item.Path
		p.currentKey = pathKey(item.Path)
		p.files = append(p.files, item.Path)
		p.ws.mu.RLock()
		// A file met a second time under another path, through a link,
		// is held by this load already and skipped too.
		p.admitted = p.ws.files[p.currentKey] == 0
		p.ws.mu.RUnlock()
		if p.admitted {
			original, skip := p.ws.sameContent(p.currentKey, item.Path)
			p.admitted = !skip
			if original != "" {
				p.copies[item.Path] = original
			}
		}
		if p.admitted {
			p.ws.mu.Lock()
			p.owned[p.currentKey] = true
			p.ws.mu.Unlock()
		} else {
			p.skipped[item.Path] = true
		}
	}
	if !p.admitted {
		return "", false
	}
	p.ws.claim(p.currentKey)
	return p.currentKey, true
}

// foreign reports whether the file at path is held by the workspace from
// another load, so that it is not previewed. It may run beside the walk.
//
// NOTE: foreign does not compare content, so the head of a copy that the
// walk skips later may still show as a preview until the load ends.
func (p *loadPlan) foreign(path string) bool {
	key := pathKey(path)
	p.ws.mu.RLock()
	defer p.ws.mu.RUnlock()
	return p.ws.files[key] > 0 && !p.owned[key]
}

// done ends the load: its folders are no longer being walked.
func (p *loadPlan) done() {
	p.ws.mu.Lock()
	defer p.ws.mu.Unlock()
	for _, dir := range p.folders {
		p.ws.walking[dir]--
		if p.ws.walking[dir] <= 0 {
			delete(p.ws.walking, dir)
		}
	}
}

// skippedPaths returns the paths the load left out as already loaded or
// as copies, in the order given: each path skipped before the walk, each
// walked path whose every file was skipped, and the single skipped files
// of the others. originals maps each of them that is a copy (see
// copiedFrom) to the path of the loaded file or folder it copies.
func (p *loadPlan) skippedPaths() (out []string, originals map[string]string) {
	out = append(out, p.skippedArgs...)
	originals = map[string]string{}
	for i, arg := range p.paths {
		var skipped []string
		admitted := 0
		for _, f := range p.files {
			if !underArg(f, arg) {
				continue
			}
			if p.skipped[f] {
				skipped = append(skipped, f)
			} else {
				admitted++
			}
		}
		if len(skipped) > 0 && admitted == 0 {
			out = append(out, p.callerPaths[i])
			if original, ok := copiedFrom(arg, skipped, p.copies); ok {
				originals[p.callerPaths[i]] = original
			}
			continue
		}
		out = append(out, skipped...)
		for _, f := range skipped {
			if original, ok := p.copies[f]; ok {
				originals[f] = original
			}
		}
	}
	return out, originals
}

// underArg reports whether the walk of arg, a path as given, met the disk
// path f: f is arg itself or a file inside it. The walk joins folder
// entries to arg, so both compare cleaned.
func underArg(f, arg string) bool {
	f, arg = filepath.Clean(f), filepath.Clean(arg)
	if f == arg {
		return true
	}
	if arg == "." {
		return !filepath.IsAbs(f) && !strings.HasPrefix(f, ".."+string(filepath.Separator))
	}
	return within(f, arg)
}

// claim counts one more source from the file with key.
func (ws *Workspace) claim(key string) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.files == nil {
		ws.files = map[string]int{}
	}
	ws.files[key]++
}

// releaseLocked counts one source fewer from the file with key, when a source
// is removed or its item was dropped by a cancelled load. ws.mu is held.
func (ws *Workspace) releaseLocked(key string) {
	if key == "" {
		return
	}
	ws.files[key]--
	if ws.files[key] <= 0 {
		delete(ws.files, key)
		ws.forgetContentLocked(key)
	}
}
