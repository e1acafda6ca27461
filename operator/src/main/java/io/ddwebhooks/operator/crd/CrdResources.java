package io.ddwebhooks.operator.crd;

import java.util.List;

/**
 * Where the build puts the CRDs it generates from these classes, inside the operator's jar (class path resources; the
 * committed copies are in deploy/crds). The in-process Kubernetes API of the sandbox and the tests installs them.
 */
public final class CrdResources {

  /** The five kinds' CRDs: the three Datadog object kinds first, then the two credentials kinds. */
  public static final List<String> ALL = List.of(
      "META-INF/fabric8/datadogwebhooks.ddwebhooks.io-v1.yml",
      "META-INF/fabric8/datadogcustomvariables.ddwebhooks.io-v1.yml",
      "META-INF/fabric8/datadogwebhookauthmethods.ddwebhooks.io-v1.yml",
      "META-INF/fabric8/datadogcredentials.ddwebhooks.io-v1.yml",
      "META-INF/fabric8/clusterdatadogcredentials.ddwebhooks.io-v1.yml");

  private CrdResources() {}
}
