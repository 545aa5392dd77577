#!/usr/bin/env bash
# A Spark standalone cluster on this machine: one master and two workers, each its own JVM on
# 127.0.0.1, from Spark's jars in the local Maven repository (no Spark distribution needed).
#
#   src/bench/spark-cluster.sh start           start master + 2 workers, wait until both registered
#   src/bench/spark-cluster.sh status          the master's view (workers, cores, memory, apps)
#   src/bench/spark-cluster.sh stop            stop them all (by the PIDs written at start)
#   src/bench/spark-cluster.sh run -- CMD...   start, run CMD, stop (also when CMD fails or on Ctrl-C)
#   src/bench/spark-cluster.sh driver ARGS...  the workbench as a Spark driver: java with Spark's
#                                              jars + target/v1-workbench.jar, Main ARGS
#   src/bench/spark-cluster.sh kill-worker N   kill worker N (1 or 2) and its executor JVMs (kill -9)
#
# SPARK_CLUSTER_HOME (default target/spark-home) gets a SPARK_HOME layout: jars/ (links to Spark
# 3.5's own jars, at Spark's versions, resolved by Maven from spark-core alone), logs/, work/.
# The workers need it: a worker starts each executor with SPARK_HOME/jars/* as its class path
# (the application's jars come from the driver, spark.jars). WORKER_CORES (1), WORKER_MEMORY (2g),
# MASTER_PORT (7077), MASTER_UI_PORT (8080).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SH=${SPARK_CLUSTER_HOME:-$ROOT/target/spark-home}
WORKER_CORES=${WORKER_CORES:-1}
WORKER_MEMORY=${WORKER_MEMORY:-2g}
MASTER_PORT=${MASTER_PORT:-7077}
MASTER_UI_PORT=${MASTER_UI_PORT:-8080}
MASTER_URL=spark://127.0.0.1:$MASTER_PORT
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# Spark's own list for Java 17 (its launcher's JavaModuleOptions; pom.xml's spark.opens).
OPENS=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' "$ROOT/pom.xml")

spark_jars() {
  # (A home resolved before jackson-core was pinned has jackson-core 2.14.3: resolved again.)
  [[ -s $SH/jars.txt ]] && grep -q 'jackson-core-2\.15\.2\.jar' "$SH/jars.txt" && return
  rm -f "$SH"/jars/*.jar "$SH/jars.txt"
  mkdir -p "$SH/jars" "$SH/logs" "$SH/work"
  local version
  version=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$ROOT/pom.xml")
  # jackson-core pinned: Maven's nearest-wins picks 2.14.3 beside Spark's jackson-databind 2.15.2, which
  # fails in an executor as soon as a task writes JSON (an experiment folder: the cores of a transfer
  # benchmark); a Spark 3.5 distribution ships jackson-core 2.15.2, as here.
  cat > "$SH/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.v1workbench</groupId><artifactId>spark-home</artifactId><version>1</version><packaging>pom</packaging>
  <dependencyManagement><dependencies><dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-core</artifactId><version>2.15.2</version></dependency></dependencies></dependencyManagement>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.12</artifactId><version>$version</version></dependency></dependencies>
</project>
EOF
  (cd "$SH" && { mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null 2>&1 \
      || mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt; })
  tr ':' '\n' < "$SH/cp.txt" | while read -r jar; do ln -sf "$jar" "$SH/jars/"; done
  tr ':' '\n' < "$SH/cp.txt" > "$SH/jars.txt"
}

running() { [[ -f $SH/pids ]] && while read -r pid; do kill -0 "$pid" 2>/dev/null && return 0; done < "$SH/pids"; return 1; }

registered() {
  curl -fsS "http://127.0.0.1:$MASTER_UI_PORT/json/" 2>/dev/null \
    | python3 -c 'import json,sys; print(sum(w["state"]=="ALIVE" for w in json.load(sys.stdin)["workers"]))' 2>/dev/null || echo 0
}

start() {
  if running; then echo "spark-cluster: already running ($MASTER_URL)"; return; fi
  spark_jars
  : > "$SH/pids"
  export SPARK_HOME=$SH SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR=$SH/logs
  # shellcheck disable=SC2086
  nohup "$JAVA" -Xmx512m $OPENS -cp "$SH/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT" > "$SH/logs/master.log" 2>&1 &
  echo $! >> "$SH/pids"
  for n in 1 2; do
    mkdir -p "$SH/work/worker$n"
    # shellcheck disable=SC2086
    SPARK_LOCAL_DIRS=$SH/work/worker$n/tmp nohup "$JAVA" -Xmx512m $OPENS -cp "$SH/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" --webui-port $((MASTER_UI_PORT + n)) \
      --work-dir "$SH/work/worker$n" "$MASTER_URL" > "$SH/logs/worker$n.log" 2>&1 &
    echo $! >> "$SH/pids"
  done
  for _ in $(seq 1 120); do
    if [[ $(registered) -ge 2 ]]; then
      echo "spark-cluster: master $MASTER_URL (web UI http://127.0.0.1:$MASTER_UI_PORT), 2 workers of $WORKER_CORES core(s) and $WORKER_MEMORY each; PIDs $(paste -sd' ' "$SH/pids")"
      return
    fi
    running || break
    sleep 0.5
  done
  echo "spark-cluster: the workers did not register within 60 s; logs in $SH/logs" >&2
  tail -n 20 "$SH"/logs/*.log >&2
  stop
  return 1
}

stop() {
  [[ -f $SH/pids ]] || return 0
  # The executors are children of their worker: a worker stopped with TERM kills them itself.
  tac "$SH/pids" | while read -r pid; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 40); do running || break; sleep 0.25; done
  tac "$SH/pids" | while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done
  rm -f "$SH/pids"
  # Each application's executors got a copy of the application's jars (about 400 MB each).
  rm -rf "$SH"/work/worker*/app-* "$SH"/work/worker*/tmp
  echo "spark-cluster: stopped"
}

status() {
  if ! running; then echo "spark-cluster: not running"; return 1; fi
  curl -fsS "http://127.0.0.1:$MASTER_UI_PORT/json/" | python3 -c '
import json,sys; m=json.load(sys.stdin)
print("master", m["url"], m["status"], "cores", m["cores"], "used", m["coresused"])
for w in m["workers"]: print("worker", w["id"], w["state"], "cores", w["cores"], "memory", w["memory"], "MB")
for a in m["activeapps"]: print("app", a["id"], a["name"], a["state"])'
}

kill_worker() {
  local pid
  pid=$(sed -n "$(( $1 + 1 ))p" "$SH/pids")
  # Its executors first (CoarseGrainedExecutorBackend JVMs whose parent is this worker), then itself.
  for child in $(pgrep -P "$pid" || true); do kill -9 "$child" 2>/dev/null || true; done
  kill -9 "$pid"
  echo "spark-cluster: killed worker $1 (PID $pid) and its executors"
}

driver() {
  spark_jars
  # The driver's JVM: what java -jar would relaunch with (the Vector API) and Spark's opens; the
  # workbench's driver code passes the executors theirs (SparkFits, docs/spark-cluster.md).
  # shellcheck disable=SC2086
  GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-10000} exec "$JAVA" --add-modules jdk.incubator.vector $OPENS -Dspark.driver.host=127.0.0.1 ${DRIVER_JAVA_OPTIONS:-} \
    -cp "$SH/jars/*:$ROOT/target/v1-workbench.jar" org.v1workbench.cli.Main "$@"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill-worker) kill_worker "${2:?worker 1 or 2}" ;;
  driver) shift; driver "$@" ;;
  run)
    shift; [[ ${1:-} == -- ]] && shift
    trap stop EXIT INT TERM
    start
    "$@"
    ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
