package localeenv

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQuietCLocale(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"LANG=C", map[string]string{"LANG": "C"}, true},
		{"LANG=C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, true},
		{"LANG=POSIX", map[string]string{"LANG": "POSIX"}, true},
		{"LC_ALL=C.utf8 over Danish LANG", map[string]string{"LC_ALL": "C.utf8", "LANG": "da_DK.UTF-8"}, true},
		{"LC_MESSAGES=C@euro", map[string]string{"LC_MESSAGES": "C@euro"}, true},
		{"LANGUAGE=C as well", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "C"}, true},
		{"Danish LANG", map[string]string{"LANG": "da_DK.UTF-8"}, false},
		{"Danish LANGUAGE under C", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "da"}, false},
		{"LC_ALL=da_DK over LANG=C", map[string]string{"LC_ALL": "da_DK.UTF-8", "LANG": "C"}, false},
		{"no locale set", map[string]string{}, false},
		{"language named Catalan", map[string]string{"LANG": "ca_ES.UTF-8"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, QuietCLocale(func(name string) string { return tc.env[name] }))
		})
	}
}
