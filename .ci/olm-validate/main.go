// olm-validate validates an Operator Lifecycle Manager bundle directory (manifests/, metadata/) with the operator
// framework's own validators (github.com/operator-framework/api: the bundle, CSV, CRD and OperatorHub validators and
// its good practices), prints every error and warning, and exits non-zero when there is an error.
package main

import (
	"fmt"
	"os"

	"github.com/operator-framework/api/pkg/manifests"
	"github.com/operator-framework/api/pkg/validation"
	apierrors "github.com/operator-framework/api/pkg/validation/errors"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: olm-validate <bundle directory>")
		os.Exit(2)
	}
	bundle, err := manifests.GetBundleFromDir(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "cannot load the bundle: %v\n", err)
		os.Exit(1)
	}
	validators := validation.DefaultBundleValidators.WithValidators(validation.OperatorHubV2Validator,
		validation.GoodPracticesValidator)
	objects := append(bundle.ObjectsToValidate(), bundle)
	results := validators.Validate(objects...)
	failed := false
	checked := 0
	for _, r := range results {
		checked++
		for _, e := range r.Errors {
			failed = true
			print("ERROR", r, e)
		}
		for _, w := range r.Warnings {
			print("WARNING", r, w)
		}
	}
	if failed {
		os.Exit(1)
	}
	fmt.Printf("bundle %s valid (%d results checked)\n", bundle.Name, checked)
}

func print(level string, r apierrors.ManifestResult, e apierrors.Error) {
	fmt.Printf("%s %s: %s\n", level, r.Name, e.Error())
}
