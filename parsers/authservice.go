package parsers

import "strings"

// authServiceFormat reads the XSP authentication service log: token
// requests (GET /authService/token with http_bw_userid), token validation
// for Xsi (POST on loopback with X-BroadSoft-Correlation-ID) and the
// LongLivedTokenManager lines, in the BroadWorks server grammar.
var authServiceFormat = &Format{
	ID:    "bw-auth-service",
	Title: "XSP authentication service log",
	Detect: func(head string) int {
		return bwDetect(head, "| AuthenticationService |", "LongLivedTokenManager", "http_bw_userid")
	},
	NameHint: func(name string) bool {
		b := baseName(name)
		return strings.HasPrefix(b, "authenticationservice") || strings.HasPrefix(b, "authservice")
	},
	Parse: parseBWServer,
}
