#!/usr/bin/env bash
# Builds kube-apiserver and etcd from their Go modules (this machine has no internet but the Go module proxy) and
# installs them, with kubectl, where io.fabric8:kube-api-test looks for them:
#   ${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}
# and the Go test tools of .ci (kstatus-check, olm-validate) in ${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/tools/.
# Idempotent: does nothing for what is already there.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.34.4}"
ETCD_VERSION="${ETCD_VERSION:-3.6.16}"
DIR="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/${K8S_VERSION}-linux-amd64"
TOOLS="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/tools"
CI_DIR="$(cd "$(dirname "$0")" && pwd)"

# The Go programs under .ci that tests run: kstatus's own status.Compute, the operator framework's bundle validators.
# Rebuilt when their sources change (a digest of them is kept beside each binary), so a cache never runs old code.
build_tools() {
  mkdir -p "$TOOLS"
  local tool digest
  for tool in kstatus-check olm-validate; do
    digest="$(cd "$CI_DIR/$tool" && cat go.mod go.sum ./*.go | sha256sum | cut -d' ' -f1)"
    if [[ ! -x "$TOOLS/$tool" || "$(cat "$TOOLS/$tool.sources" 2>/dev/null)" != "$digest" ]]; then
      echo "kube-binaries: building $tool into $TOOLS"
      (cd "$CI_DIR/$tool" && CGO_ENABLED=0 go build -trimpath -o "$TOOLS/$tool" .)
      echo "$digest" > "$TOOLS/$tool.sources"
    fi
  done
}

if [[ -x "$DIR/kube-apiserver" && -x "$DIR/etcd" && -x "$DIR/kubectl" ]]; then
  echo "kube-binaries: present in $DIR"
  build_tools
  exit 0
fi
command -v go >/dev/null || { echo "kube-binaries: Go is required to build kube-apiserver and etcd" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$DIR"
export CGO_ENABLED=0 GOFLAGS="-trimpath -mod=mod"

build_apiserver() {
  local mod="$WORK/kube"
  mkdir -p "$mod"
  # k8s.io/kubernetes refers to its staging modules as v0.0.0: pin each one to the matching v0.<minor>.<patch>
  local gomod
  gomod="$(cd "$mod" && go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  {
    echo "module ddwebhooks.io/kube-binaries"
    echo
    echo "go 1.24"
    echo
    echo "require k8s.io/kubernetes v${K8S_VERSION}"
    echo
    echo "replace ("
    sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/src/k8s.io/[a-z0-9-]*$#\t\1 => \1 v0.'"${K8S_VERSION#1.}"'#p' "$gomod"
    echo ")"
  } > "$mod/go.mod"
  (cd "$mod" && go get "k8s.io/kubernetes/cmd/kube-apiserver@v${K8S_VERSION}" \
    && go build -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v${K8S_VERSION}" \
      -o "$DIR/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)
  if ! command -v kubectl >/dev/null; then
    (cd "$mod" && go get "k8s.io/kubernetes/cmd/kubectl@v${K8S_VERSION}" \
      && go build -ldflags "-s -w" -o "$DIR/kubectl" k8s.io/kubernetes/cmd/kubectl)
  fi
}

build_etcd() {
  local mod="$WORK/etcd"
  mkdir -p "$mod"
  cat > "$mod/main.go" <<'GO'
// The etcd server, for the test tier's kube-apiserver.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  (cd "$mod" && go mod init ddwebhooks.io/etcd >/dev/null 2>&1 \
    && go get "go.etcd.io/etcd/server/v3@v${ETCD_VERSION}" && go mod tidy \
    && go build -ldflags "-s -w" -o "$DIR/etcd" .)
}

echo "kube-binaries: building kube-apiserver v${K8S_VERSION} and etcd v${ETCD_VERSION} into $DIR (takes minutes once)"
[[ -x "$DIR/etcd" ]] || build_etcd
[[ -x "$DIR/kube-apiserver" ]] || build_apiserver
if [[ ! -x "$DIR/kubectl" ]]; then
  cp "$(command -v kubectl)" "$DIR/kubectl"
fi
build_tools
"$DIR/kube-apiserver" --version
"$DIR/etcd" --version | sed -n 1p
echo "kube-binaries: ready in $DIR"
