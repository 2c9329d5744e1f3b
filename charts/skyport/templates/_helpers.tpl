{{/* Names. */}}
{{- define "skyport.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skyport.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "skyport.gateway.name" -}}{{ include "skyport.fullname" . }}-gateway{{- end -}}
{{- define "skyport.buildFarm.name" -}}{{ include "skyport.fullname" . }}-build-farm{{- end -}}
{{- define "skyport.catalog.name" -}}{{ include "skyport.fullname" . }}-template-catalog{{- end -}}
{{- define "skyport.registry.name" -}}{{ include "skyport.fullname" . }}-registry{{- end -}}
{{- define "skyport.redis.name" -}}{{ include "skyport.fullname" . }}-redis{{- end -}}
{{/* The build farm's Secret: the admin token and the build-context signing key. */}}
{{- define "skyport.buildFarm.secretName" -}}{{ include "skyport.fullname" . }}-build-farm-auth{{- end -}}
{{/* The registry's Secret (username, password, htpasswd, .dockerconfigjson, http-secret); its copy in
     the build namespace holds username and password only. */}}
{{- define "skyport.registry.secretName" -}}{{ include "skyport.fullname" . }}-registry-auth{{- end -}}
{{/* The pull Secret the build farm keeps in the app namespace. */}}
{{- define "skyport.registry.pullSecretName" -}}{{ include "skyport.fullname" . }}-registry-pull{{- end -}}
{{- define "skyport.redis.secretName" -}}{{ include "skyport.fullname" . }}-redis-auth{{- end -}}

{{/* Labels. */}}
{{- define "skyport.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skyport.selectorLabels" -}}
app.kubernetes.io/name: {{ include "skyport.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Call with (dict "root" $ "component" "gateway"). */}}
{{- define "skyport.labels" -}}
{{ include "skyport.selectorLabels" . }}
app.kubernetes.io/part-of: skyport
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "skyport.chart" .root }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A platform image: <registry>/<repository>/<name>:<tag>. Call with (dict "root" $ "name" "gateway"). */}}
{{- define "skyport.image" -}}
{{- $images := .root.Values.images -}}
{{- printf "%s/%s/%s:%s" $images.registry $images.repository .name (default .root.Chart.AppVersion $images.tag) -}}
{{- end -}}

{{- define "skyport.imagePullSecrets" -}}
{{- with .Values.images.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* In-cluster addresses. */}}
{{- define "skyport.svcHost" -}}
{{- printf "%s.%s.svc.%s" .name .root.Release.Namespace .root.Values.clusterDomain -}}
{{- end -}}

{{- define "skyport.buildFarm.url" -}}
{{- printf "http://%s:%v" (include "skyport.svcHost" (dict "root" . "name" (include "skyport.buildFarm.name" .))) .Values.buildFarm.port -}}
{{- end -}}

{{- define "skyport.catalog.url" -}}
{{- printf "http://%s:%v" (include "skyport.svcHost" (dict "root" . "name" (include "skyport.catalog.name" .))) .Values.templateCatalog.port -}}
{{- end -}}

{{/* The registry's address as image names carry it, where builds push and the build farm checks manifests. */}}
{{- define "skyport.registry.address" -}}
{{- if eq .Values.registry.exposure "external" -}}
{{- .Values.registry.external.host -}}
{{- else -}}
{{- printf "%s:%v" (include "skyport.svcHost" (dict "root" . "name" (include "skyport.registry.name" .))) .Values.registry.port -}}
{{- end -}}
{{- end -}}

{{/* The host the kubelet pulls from (the build farm's kubernetes.pull-host). */}}
{{- define "skyport.registry.pullHost" -}}
{{- if eq .Values.registry.exposure "nodePort" -}}
{{- printf "localhost:%v" .Values.registry.nodePort -}}
{{- else -}}
{{- include "skyport.registry.address" . -}}
{{- end -}}
{{- end -}}

{{/* Redis as Spring Boot reads it: a URL whose password is the placeholder of an environment variable
     filled from a Secret, so no ConfigMap holds the password. */}}
{{- define "skyport.redis.hasPassword" -}}
{{- if or (eq .Values.redis.mode "internal") .Values.redis.external.existingSecret -}}true{{- end -}}
{{- end -}}

{{- define "skyport.redis.url" -}}
{{- if eq .Values.redis.mode "internal" -}}
{{- printf "redis://:${REDIS_PASSWORD}@%s:6379" (include "skyport.svcHost" (dict "root" . "name" (include "skyport.redis.name" .))) -}}
{{- else -}}
{{- $url := urlParse .Values.redis.external.url -}}
{{- if .Values.redis.external.existingSecret -}}
{{- printf "%s://%s:${REDIS_PASSWORD}@%s%s" $url.scheme $url.userinfo $url.host $url.path -}}
{{- else -}}
{{- .Values.redis.external.url -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The environment variable the Redis URL's placeholder reads. */}}
{{- define "skyport.redis.passwordEnv" -}}
{{- if include "skyport.redis.hasPassword" . }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if eq .Values.redis.mode "internal" }}
      name: {{ include "skyport.redis.secretName" . }}
      key: password
      {{- else }}
      name: {{ .Values.redis.external.existingSecret }}
      key: {{ .Values.redis.external.passwordKey }}
      {{- end }}
{{- end }}
{{- end -}}

{{/* The gateway's URL as users reach it. */}}
{{- define "skyport.gateway.publicUrl" -}}
{{- if .Values.gateway.publicUrl -}}
{{- .Values.gateway.publicUrl -}}
{{- else if and .Values.gateway.ingress.enabled .Values.gateway.ingress.hosts -}}
{{- $host := first .Values.gateway.ingress.hosts -}}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.gateway.ingress.tls) 0)) $host -}}
{{- else if and .Values.gateway.httpRoute.enabled .Values.gateway.httpRoute.hostnames -}}
{{- printf "http://%s" (first .Values.gateway.httpRoute.hostnames) -}}
{{- else -}}
{{- printf "http://%s%s" (include "skyport.svcHost" (dict "root" . "name" (include "skyport.gateway.name" .))) (ternary "" (printf ":%v" .Values.gateway.service.port) (eq (int .Values.gateway.service.port) 80)) -}}
{{- end -}}
{{- end -}}

{{/* The security context of every container of the chart: no privileges, read-only root. */}}
{{- define "skyport.containerSecurityContext" -}}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The platform's Java containers' pod security context. */}}
{{- define "skyport.platformPodSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.images.runAsUser }}
runAsGroup: {{ .Values.images.runAsGroup }}
fsGroup: {{ .Values.images.runAsGroup }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Spring Boot reads the mounted application.yml after the one in the jar. */}}
{{- define "skyport.springConfigEnv" -}}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: file:/etc/skyport/config/
{{- end -}}

{{- define "skyport.javaToolOptionsEnv" -}}
{{- if . }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* A value generated once and kept across upgrades: the existing Secret's key, else the given value,
     else a new random one. Call with (dict "secret" $lookedUp "key" "password" "given" "" "length" 32). */}}
{{- define "skyport.keptValue" -}}
{{- if .given -}}
{{- .given -}}
{{- else if and .secret .secret.data (hasKey .secret.data .key) -}}
{{- index .secret.data .key | b64dec -}}
{{- else -}}
{{- printf "%s%s" (default "" .prefix) (randAlphaNum (int .length)) -}}
{{- end -}}
{{- end -}}

{{/* A map for a Spring Boot Map<String, String> setting. Keys such as "linkerd.io/inject" or
     "kubernetes.io/os" go in brackets: unbracketed, Spring Boot's binder drops the "/" from a key. */}}
{{- define "skyport.springMap" -}}
{{- range $key, $value := . }}
{{ printf "[%s]" $key | quote }}: {{ $value | quote }}
{{- end }}
{{- end -}}
