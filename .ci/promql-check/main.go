// promql-check parses every PromQL expression given on standard input (one per line) with Prometheus's own
// parser, and exits non-zero naming the first that does not parse.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/prometheus/prometheus/promql/parser"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	p := parser.NewParser(parser.Options{})
	failed := false
	n := 0
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		n++
		if _, err := p.ParseExpr(line); err != nil {
			fmt.Fprintf(os.Stderr, "does not parse: %s: %v\n", line, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
	fmt.Printf("%d expressions parse\n", n)
}
