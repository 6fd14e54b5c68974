# Sourced by the other scripts: installs the Debian/Ubuntu packages that
# building and testing wxlog need (cgo, OpenGL and X11 headers for Fyne,
# GTK for the native file dialog, Xvfb and ImageMagick for the screenshot
# smoke test), unless they are all present already.
wxlog_packages="gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libgtk-3-dev xvfb xauth x11-utils x11-apps
  imagemagick xdotool"

install_packages() {
	local missing="" p
	for p in $wxlog_packages "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "installing:$missing"
	local sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# Fyne reads the locale and theme from the environment; these values keep
# GTK and Fyne quiet on a machine without a desktop session.
export LANG=C.UTF-8 LANGUAGE=en GSETTINGS_BACKEND=memory
