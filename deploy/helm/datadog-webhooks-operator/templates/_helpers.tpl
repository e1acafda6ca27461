{{- define "dwo.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dwo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "dwo.labels" -}}
app.kubernetes.io/name: {{ include "dwo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "dwo.selector" -}}
app.kubernetes.io/name: {{ include "dwo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "dwo.credentialsSecret" -}}
{{- default "datadog-credentials" .Values.datadog.credentials.secretName -}}
{{- end -}}

{{/* The operator's permissions, shared by the ClusterRole and the per-namespace Roles. */}}
{{- define "dwo.rules" -}}
- apiGroups: ["ddwebhooks.io"]
  resources: ["datadogwebhooks", "datadogcustomvariables", "datadogwebhookauthmethods", "datadogcredentials"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["ddwebhooks.io"]
  resources: ["datadogwebhooks/status", "datadogcustomvariables/status", "datadogwebhookauthmethods/status",
    "datadogcredentials/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["ddwebhooks.io"]
  resources: ["datadogwebhooks/finalizers", "datadogcustomvariables/finalizers",
    "datadogwebhookauthmethods/finalizers", "datadogcredentials/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end -}}

{{/* Cluster-scoped credentials and namespace labels: the cluster-wide install only */}}
{{- define "dwo.clusterRules" -}}
- apiGroups: ["ddwebhooks.io"]
  resources: ["clusterdatadogcredentials"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["ddwebhooks.io"]
  resources: ["clusterdatadogcredentials/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["ddwebhooks.io"]
  resources: ["clusterdatadogcredentials/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["get", "list", "watch"]
{{- end -}}
