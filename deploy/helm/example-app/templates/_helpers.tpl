{{- define "app.webhookName" -}}
{{- default (printf "%s-alerts" .Release.Name) .Values.alerting.webhookName | trunc 63 -}}
{{- end -}}

{{- define "app.variableName" -}}
{{- printf "%s_ENVIRONMENT" .Release.Name | upper | replace "-" "_" | replace "." "_" -}}
{{- end -}}
