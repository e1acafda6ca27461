// kstatus-check computes kstatus's verdict (sigs.k8s.io/cli-utils/pkg/kstatus/status.Compute, what Flux, Helm 4's
// --wait and kpt use) for each Kubernetes object given on standard input as one JSON document per line, and prints
// one line per object: the status (Current, InProgress, Failed, ...), a tab, and kstatus's message.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 4<<20), 4<<20)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		obj := &unstructured.Unstructured{}
		// as the API machinery decodes objects: integers stay int64
		if err := obj.UnmarshalJSON([]byte(line)); err != nil {
			fmt.Fprintf(os.Stderr, "not a Kubernetes object: %v\n", err)
			os.Exit(2)
		}
		res, err := status.Compute(obj)
		if err != nil {
			fmt.Fprintf(os.Stderr, "kstatus: %v\n", err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%s\n", res.Status, strings.ReplaceAll(res.Message, "\n", " "))
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "reading input: %v\n", err)
		os.Exit(2)
	}
}
