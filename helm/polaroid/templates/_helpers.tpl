{{/* The chart name, or nameOverride. */}}
{{- define "polaroid.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-<name>", or fullnameOverride; short enough to take a "-coordinator-internal" suffix. */}}
{{- define "polaroid.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 42 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 42 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 42 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "polaroid.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object names. */}}
{{- define "polaroid.coordinator.fullname" -}}
{{- printf "%s-coordinator" (include "polaroid.fullname" .) }}
{{- end }}

{{/* The Service workers register at: it lists the coordinator before it is ready, because the
coordinator is ready only once a worker has registered. */}}
{{- define "polaroid.coordinator.internalName" -}}
{{- printf "%s-coordinator-internal" (include "polaroid.fullname" .) }}
{{- end }}

{{- define "polaroid.worker.fullname" -}}
{{- printf "%s-worker" (include "polaroid.fullname" .) }}
{{- end }}

{{- define "polaroid.s3SecretName" -}}
{{- if .Values.s3.existingSecret.name }}
{{- .Values.s3.existingSecret.name }}
{{- else }}
{{- printf "%s-s3" (include "polaroid.fullname" .) }}
{{- end }}
{{- end }}

{{/* The Secret of the internal secret and the tokens file: auth.existingSecret, or the one the chart creates. */}}
{{- define "polaroid.authSecretName" -}}
{{- default (printf "%s-auth" (include "polaroid.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{- define "polaroid.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "polaroid.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Labels. */}}
{{- define "polaroid.selectorLabels" -}}
app.kubernetes.io/name: {{ include "polaroid.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "polaroid.labels" -}}
helm.sh/chart: {{ include "polaroid.chart" . }}
{{ include "polaroid.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The image reference. */}}
{{- define "polaroid.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* A Kubernetes memory quantity ("4Gi", "512Mi", "2G", "1073741824") in bytes. */}}
{{- define "polaroid.bytes" -}}
{{- $q := toString . }}
{{- $num := regexFind "^[0-9]+(\\.[0-9]+)?" $q }}
{{- $suffix := trimPrefix $num $q }}
{{- $units := dict "" 1 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 }}
{{- if or (not $num) (not (hasKey $units $suffix)) }}
{{- fail (printf "cannot read the memory quantity %q: use a number with an optional Ki, Mi, Gi, Ti, k, M, G or T suffix" $q) }}
{{- end }}
{{- mulf (float64 $num) (get $units $suffix) | floor | int64 }}
{{- end }}

{{/* JAVA_TOOL_OPTIONS of a container, from its resources (dict "resources" ... "root" $). Heap and
direct memory (Arrow's buffers, and Netty's for gRPC and Flight) are shares of the memory limit; the
rest is metaspace, thread stacks and the code cache. The image's entrypoint adds Arrow's flags
(--add-opens=java.base/java.nio=ALL-UNNAMED, ...) and JAVA_OPTS, and leaves its own sizing out when
JAVA_TOOL_OPTIONS sizes the heap and direct memory, as here. */}}
{{- define "polaroid.javaToolOptions" -}}
{{- $root := .root -}}
{{- $limit := dig "limits" "memory" "" (.resources | default dict) }}
{{- if not $limit }}
{{- fail (printf "%s: resources.limits.memory is required, the JVM's heap and direct memory are sized from it" .role) }}
{{- end }}
{{- $heap := $root.Values.jvm.heapPercent | float64 }}
{{- $direct := $root.Values.jvm.directPercent | float64 }}
{{- if or (le $heap 0.0) (le $direct 0.0) (gt (addf $heap $direct) 90.0) }}
{{- fail "jvm.heapPercent and jvm.directPercent must be positive and add up to at most 90" }}
{{- end }}
{{- $directMiB := divf (mulf (include "polaroid.bytes" $limit | float64) $direct) (mulf 100 1048576) | floor | int64 }}
{{- $opts := list (printf "-XX:MaxRAMPercentage=%.1f" $heap) (printf "-XX:MaxDirectMemorySize=%dm" $directMiB) }}
{{- with $root.Values.jvm.extraOptions }}
{{- $opts = append $opts . }}
{{- end }}
{{- join " " $opts }}
{{- end }}

{{/* Default task memory of a worker: 80% of its direct memory (Netty needs the rest), split over its slots, in MB. */}}
{{- define "polaroid.worker.queryMemory" -}}
{{- if .Values.workers.queryMemory }}
{{- .Values.workers.queryMemory }}
{{- else }}
{{- $limit := dig "limits" "memory" "" (.Values.workers.resources | default dict) }}
{{- $bytes := include "polaroid.bytes" $limit | float64 }}
{{- $slots := max 1 (int .Values.workers.slots) | float64 }}
{{- printf "%dMB" (divf (mulf $bytes .Values.jvm.directPercent 0.8) (mulf 100 1048576 $slots) | floor | int64) }}
{{- end }}
{{- end }}

{{/* Pod annotations: checksums that roll the pods when settings change, and Prometheus scraping by
annotation, only with auth off: /actuator/prometheus then answers 401 without a bearer token, which
annotation discovery has no way to send (a pod-role scrape job with a token would send it to every
annotated pod of the cluster). With auth on, scrape through the ServiceMonitor (serviceMonitor.*),
which sends the client token from a Secret. */}}
{{- define "polaroid.podAnnotations" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if .Values.s3.createSecret }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- if and .Values.metrics.podAnnotations (not .Values.auth.enabled) }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .Values.ports.http | quote }}
prometheus.io/path: /actuator/prometheus
{{- end }}
{{- end }}

{{/* Environment shared by every Polaroid container: ports, S3 credentials, JVM sizing, extras. */}}
{{- define "polaroid.commonEnv" -}}
{{- $root := .root -}}
- name: SPRING_GRPC_SERVER_PORT
  value: {{ $root.Values.ports.grpc | quote }}
- name: SERVER_PORT
  value: {{ $root.Values.ports.http | quote }}
{{- if or $root.Values.s3.existingSecret.name $root.Values.s3.createSecret }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ include "polaroid.s3SecretName" $root }}
      key: {{ ternary $root.Values.s3.existingSecret.accessKeyIdKey "AWS_ACCESS_KEY_ID" (not (empty $root.Values.s3.existingSecret.name)) }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "polaroid.s3SecretName" $root }}
      key: {{ ternary $root.Values.s3.existingSecret.secretAccessKeyKey "AWS_SECRET_ACCESS_KEY" (not (empty $root.Values.s3.existingSecret.name)) }}
{{- if and $root.Values.s3.existingSecret.name $root.Values.s3.existingSecret.sessionTokenKey }}
- name: AWS_SESSION_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "polaroid.s3SecretName" $root }}
      key: {{ $root.Values.s3.existingSecret.sessionTokenKey }}
{{- end }}
{{- end }}
{{- include "polaroid.securityEnv" . }}
- name: JAVA_TOOL_OPTIONS
  value: {{ include "polaroid.javaToolOptions" . | quote }}
{{- with $root.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Where the chart mounts the credential files (read-only Secret volumes). */}}
{{- define "polaroid.authMountPath" -}}/etc/polaroid/auth{{- end }}
{{- define "polaroid.usersMountPath" -}}/etc/polaroid/users{{- end }}
{{- define "polaroid.tlsMountPath" -}}/etc/polaroid/tls{{- end }}

{{/* polaroid.security.* of a container (dict "root" $ "role" "coordinator"|"workers"): the internal
secret from the auth Secret through secretKeyRef (never inlined) for every server; the tokens file (only
hashes) for every server, so that one client token reads /actuator/prometheus of every pod; the users
file for the coordinator alone, which alone runs Flight's basic-auth handshake; the TLS certificate,
key and trust files for every server. */}}
{{- define "polaroid.securityEnv" -}}
{{- $root := .root -}}
{{- if $root.Values.auth.enabled }}
- name: POLAROID_SECURITY_INTERNALSECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "polaroid.authSecretName" $root }}
      key: {{ $root.Values.auth.internalSecretKey }}
- name: POLAROID_SECURITY_TOKENSFILE
  value: {{ printf "%s/tokens" (include "polaroid.authMountPath" $root) | quote }}
{{- if eq .role "coordinator" }}
{{- if $root.Values.auth.users.existingSecret }}
- name: POLAROID_SECURITY_USERSFILE
  value: {{ printf "%s/users" (include "polaroid.usersMountPath" $root) | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if $root.Values.tls.existingSecret }}
- name: POLAROID_SECURITY_TLS_CERTIFICATE
  value: {{ printf "%s/tls.crt" (include "polaroid.tlsMountPath" $root) | quote }}
- name: POLAROID_SECURITY_TLS_PRIVATEKEY
  value: {{ printf "%s/tls.key" (include "polaroid.tlsMountPath" $root) | quote }}
{{- if $root.Values.tls.trustKey }}
- name: POLAROID_SECURITY_TLS_TRUST
  value: {{ printf "%s/ca.crt" (include "polaroid.tlsMountPath" $root) | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* The Secret volumes behind polaroid.securityEnv (dict "root" $ "role" ...). Each projects only the
keys its server reads: no server gets the client token itself, only its hash (the tokens file, on
every server); the users file only on the coordinator. Mode 0444: the pod runs as a non-root user
without an fsGroup, and the files are hashes (tokens, users) or the pod's own TLS key. */}}
{{- define "polaroid.securityVolumes" -}}
{{- $root := .root -}}
{{- if $root.Values.auth.enabled }}
- name: polaroid-auth
  secret:
    secretName: {{ include "polaroid.authSecretName" $root }}
    defaultMode: 0444
    items:
      - key: {{ $root.Values.auth.tokensKey }}
        path: tokens
{{- end }}
{{- if and $root.Values.auth.enabled (eq .role "coordinator") }}
{{- if $root.Values.auth.users.existingSecret }}
- name: polaroid-users
  secret:
    secretName: {{ $root.Values.auth.users.existingSecret }}
    defaultMode: 0444
    items:
      - key: {{ $root.Values.auth.users.key }}
        path: users
{{- end }}
{{- end }}
{{- if $root.Values.tls.existingSecret }}
- name: polaroid-tls
  secret:
    secretName: {{ $root.Values.tls.existingSecret }}
    defaultMode: 0444
    items:
      - key: tls.crt
        path: tls.crt
      - key: tls.key
        path: tls.key
      {{- with $root.Values.tls.trustKey }}
      - key: {{ . }}
        path: ca.crt
      {{- end }}
{{- end }}
{{- end }}

{{- define "polaroid.securityMounts" -}}
{{- $root := .root -}}
{{- if $root.Values.auth.enabled }}
- name: polaroid-auth
  mountPath: {{ include "polaroid.authMountPath" $root }}
  readOnly: true
{{- end }}
{{- if and $root.Values.auth.enabled (eq .role "coordinator") }}
{{- if $root.Values.auth.users.existingSecret }}
- name: polaroid-users
  mountPath: {{ include "polaroid.usersMountPath" $root }}
  readOnly: true
{{- end }}
{{- end }}
{{- if $root.Values.tls.existingSecret }}
- name: polaroid-tls
  mountPath: {{ include "polaroid.tlsMountPath" $root }}
  readOnly: true
{{- end }}
{{- end }}

{{/* Ports, probes and envFrom shared by every Polaroid container (dict "root" $ "role" ...). */}}
{{- define "polaroid.containerCommon" -}}
{{- $security := include "polaroid.securityMounts" . }}
{{- with .root -}}
ports:
  - name: grpc
    containerPort: {{ .Values.ports.grpc }}
    protocol: TCP
  - name: http
    containerPort: {{ .Values.ports.http }}
    protocol: TCP
envFrom:
  - configMapRef:
      name: {{ include "polaroid.fullname" . }}
{{- if .Values.probes.startup.enabled }}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.startup.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
{{- end }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
{{- with .Values.securityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if or .Values.volumeMounts $security }}
volumeMounts:
  {{- with .Values.volumeMounts }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
  {{- with $security }}
  {{- . | trim | nindent 2 }}
  {{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Pod-level settings shared by every pod (dict "root" $ "role" ...). */}}
{{- define "polaroid.podCommon" -}}
{{- $security := include "polaroid.securityVolumes" . }}
{{- with .root -}}
serviceAccountName: {{ include "polaroid.serviceAccountName" . }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountToken }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if or .Values.volumes $security }}
volumes:
  {{- with .Values.volumes }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
  {{- with $security }}
  {{- . | trim | nindent 2 }}
  {{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Checks of values that would otherwise deploy a broken cluster. */}}
{{- define "polaroid.validate" -}}
{{- if and .Values.s3.existingSecret.name .Values.s3.createSecret }}
{{- fail "s3.existingSecret.name and s3.createSecret exclude each other: use one" }}
{{- end }}
{{- if and .Values.s3.createSecret (or (not .Values.s3.accessKeyId) (not .Values.s3.secretAccessKey)) }}
{{- fail "s3.createSecret needs s3.accessKeyId and s3.secretAccessKey" }}
{{- end }}
{{- if not (kindIs "bool" .Values.auth.enabled) }}
{{- fail (printf "auth.enabled must be true or false, not %q" (toString .Values.auth.enabled)) }}
{{- end }}
{{- if not (has (toString .Values.results.relay) (list "auto" "always" "never")) }}
{{- fail (printf "results.relay must be auto, always or never, not %q" (toString .Values.results.relay)) }}
{{- end }}
{{- if not (regexMatch "^[^:[:space:]]+$" (toString .Values.auth.principal)) }}
{{- fail (printf "auth.principal %q: a name without colons or spaces (it is the first field of a principal:sha256 line)" .Values.auth.principal) }}
{{- end }}
{{- range $name, $path := .Values.catalog }}
{{- if not (regexMatch "^[a-z0-9]+$" $name) }}
{{- fail (printf "catalog name %q: use lower-case letters and digits only (it becomes part of an environment variable name)" $name) }}
{{- end }}
{{- end }}
{{- range $key, $value := .Values.hadoop }}
{{- if not (regexMatch "^[a-z0-9]+(\\.[a-z0-9]+)*$" $key) }}
{{- fail (printf "hadoop key %q: use lower-case letters, digits and dots only (it becomes part of an environment variable name)" $key) }}
{{- end }}
{{- end }}
{{- end }}
