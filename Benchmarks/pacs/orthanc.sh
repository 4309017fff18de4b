# Shell helpers to run a throw-away Orthanc on loopback (sourced by pull-vs-getscu.sh).
#   orthanc_start DIR CALLING_AET   -> sets ORTHANC_PID, ORTHANC_HTTP, ORTHANC_DICOM, ORTHANC_AET
#   orthanc_upload FILE...          -> REST POST /instances
#   orthanc_stop                    -> SIGTERM by PID, wait
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

orthanc_start() {
  local dir=$1 calling=$2
  ORTHANC_HTTP=$(free_port); ORTHANC_DICOM=$(free_port); ORTHANC_AET=ORTHANCBENCH
  local modality_port; modality_port=$(free_port)
  mkdir -p "$dir"
  cat > "$dir/orthanc.json" <<JSON
{
  "Name": "LesionDensityBench", "StorageDirectory": "$dir/storage", "IndexDirectory": "$dir/index",
  "HttpPort": $ORTHANC_HTTP, "DicomPort": $ORTHANC_DICOM, "DicomAet": "$ORTHANC_AET", "DicomCheckCalledAet": true,
  "RemoteAccessAllowed": false, "AuthenticationEnabled": false, "Plugins": [], "SaveJobs": false,
  "StorageCompression": false, "ConcurrentJobs": 1, "DicomScpTimeout": 30, "OverwriteInstances": true,
  "DicomModalities": { "lesiondensity": { "AET": "$calling", "Host": "127.0.0.1", "Port": $modality_port,
    "AllowEcho": true, "AllowFind": true, "AllowGet": true, "AllowMove": true, "AllowStore": true } }
}
JSON
  # Orthanc's DCMTK honours TCP_NODELAY (Nagle off), as lesion-density's bridge sets it for itself.
  TCP_NODELAY=1 "${ORTHANC:-/usr/sbin/Orthanc}" "$dir/orthanc.json" > "$dir/orthanc.log" 2>&1 &
  ORTHANC_PID=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$ORTHANC_HTTP/system" >/dev/null && return 0
    sleep 0.1
  done
  echo "Orthanc did not start (log: $dir/orthanc.log)" >&2
  return 1
}

orthanc_upload() {
  local f
  for f in "$@"; do
    curl -sf -X POST --data-binary @"$f" "http://127.0.0.1:$ORTHANC_HTTP/instances" >/dev/null || echo "upload refused: $f" >&2
  done
}

orthanc_stop() {
  if [ -n "${ORTHANC_PID:-}" ] && kill -0 "$ORTHANC_PID" 2>/dev/null; then
    kill -TERM "$ORTHANC_PID"; wait "$ORTHANC_PID" 2>/dev/null || true
  fi
  ORTHANC_PID=
}
