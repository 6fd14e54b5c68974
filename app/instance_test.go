package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// instanceChildDir names the environment variable that turns a run of
// this test binary into a second wxlog launch.
const instanceChildDir = "WXLOG_INSTANCE_CHILD_DIR"

// TestInstanceChild is the second launch of TestInstanceHandoff: it starts
// with the paths after "--" and prints whether it handed them off.
func TestInstanceChild(t *testing.T) {
	dir, ok := os.LookupEnv(instanceChildDir)
	if !ok {
		t.Skip("runs only as a child of TestInstanceHandoff")
	}
	var paths []string
	for i, a := range os.Args {
		if a == "--" {
			paths = os.Args[i+1:]
		}
	}
	inst, handedOff, err := StartInstance(dir, paths, nil)
	require.NoError(t, err)
	if inst != nil {
		inst.Close()
	}
	os.Stdout.WriteString("HANDED_OFF=" + map[bool]string{true: "yes", false: "no"}[handedOff] + "\n")
}

// runSecondLaunch runs the test binary as a second wxlog in workdir and
// returns what it printed.
func runSecondLaunch(t *testing.T, dir, workdir string, paths ...string) string {
	t.Helper()
	args := append([]string{"-test.run=^TestInstanceChild$", "-test.v", "--"}, paths...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = workdir
	cmd.Env = append(os.Environ(), instanceChildDir+"="+dir)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "second launch output:\n%s", out)
	return string(out)
}

func instanceTestDir(t *testing.T) string {
	t.Helper()
	// Socket paths are limited to about 100 bytes, which t.TempDir under
	// a long TMPDIR can exceed.
	dir, err := os.MkdirTemp("", "wxi")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "inst")
}

func TestInstanceHandoff(t *testing.T) {
	dir := instanceTestDir(t)
	got := make(chan []string, 1)
	inst, handedOff, err := StartInstance(dir, nil, func(paths []string) { got <- paths })
	require.NoError(t, err)
	require.False(t, handedOff)
	require.NotNil(t, inst)
	defer inst.Close()

	workdir := t.TempDir()
	out := runSecondLaunch(t, dir, workdir, "case.zip", "/var/log/other.log", "sub dir/ø.txt")
	assert.Contains(t, out, "HANDED_OFF=yes")

	select {
	case paths := <-got:
		assert.Equal(t, []string{
			filepath.Join(workdir, "case.zip"),
			"/var/log/other.log",
			filepath.Join(workdir, "sub dir/ø.txt"),
		}, paths)
	case <-time.After(10 * time.Second):
		t.Fatal("the running instance received no paths")
	}
}

func TestInstanceStaleSocket(t *testing.T) {
	dir := instanceTestDir(t)
	first, _, err := StartInstance(dir, nil, nil)
	require.NoError(t, err)

	// A process that dies leaves its socket file behind; closing the
	// listener without unlinking imitates that.
	first.listener.(interface{ SetUnlinkOnClose(bool) }).SetUnlinkOnClose(false)
	require.NoError(t, first.Close())
	require.FileExists(t, filepath.Join(dir, instanceSocketName))

	second, handedOff, err := StartInstance(dir, []string{"a.log"}, nil)
	require.NoError(t, err)
	assert.False(t, handedOff)
	require.NotNil(t, second)
	second.Close()
}

func TestInstanceFolderRejected(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		want    string
	}{
		{"open to others", func(t *testing.T, dir string) {
			require.NoError(t, os.Mkdir(dir, 0o700))
			require.NoError(t, os.Chmod(dir, 0o777))
		}, "only its owner may use it"},
		{"a file", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(dir, nil, 0o600))
		}, "create the instance folder"},
		{"a link", func(t *testing.T, dir string) {
			require.NoError(t, os.Symlink(t.TempDir(), dir))
		}, "is not a folder"},
		{"socket not a socket", func(t *testing.T, dir string) {
			require.NoError(t, os.Mkdir(dir, 0o700))
			require.NoError(t, os.WriteFile(filepath.Join(dir, instanceSocketName), []byte("x"), 0o600))
		}, "is not a socket"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := instanceTestDir(t)
			tc.prepare(t, dir)
			inst, handedOff, err := StartInstance(dir, nil, nil)
			require.Error(t, err)
			assert.Nil(t, inst)
			assert.False(t, handedOff)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestInstanceOtherOwner needs root to give the folder to another user.
func TestInstanceOtherOwner(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to chown the folder to another user")
	}
	dir := instanceTestDir(t)
	require.NoError(t, os.Mkdir(dir, 0o700))
	require.NoError(t, os.Chown(dir, 65534, 65534))

	_, _, err := StartInstance(dir, nil, nil)
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "belongs to user id 65534"), err.Error())
}
