# Shared set-up for scripts/run and scripts/test. Source it; do not run it.
# Every step is idempotent: on a machine already set up it only checks.
# shellcheck shell=bash

OMS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo}
OMS_CACHE=${OMS_CACHE:-$OMS_ROOT/.cache}
OMS_VENV=${OMS_VENV:-$OMS_ROOT/.venv}
OMS_PYTHON=${OMS_PYTHON:-python3.11}
OMS_DB_USER=${OMS_DB_USER:-odoo}
OMS_DB_HOST=${OMS_DB_HOST:-127.0.0.1}
OMS_DB_PORT=${OMS_DB_PORT:-5432}
OMS_ADDONS="order_intake,order_review,mrp_planning,order_archive"
mkdir -p "$OMS_CACHE/logs"

say() { printf '[oms] %s\n' "$*" >&2; }
die() { printf '[oms] ERROR: %s\n' "$*" >&2; exit 2; }

# Odoo's source is a dependency on disk, never part of this repository.
find_odoo() {
    if [ ! -f "$ODOO_SRC/odoo-bin" ] || [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
        die "Odoo 18.0 source not found: looked for $ODOO_SRC/odoo-bin and $ODOO_SRC/odoo/release.py.
       Put the Odoo 18.0 source tree there (odoo-bin, odoo/ and the standard addons),
       or point ODOO_SRC at it, e.g.  ODOO_SRC=\$HOME/src/odoo $0"
    fi
    if ! grep -q "^version_info = (18, 0" "$ODOO_SRC/odoo/release.py"; then
        die "$ODOO_SRC holds an Odoo that is not 18.0 (see $ODOO_SRC/odoo/release.py)."
    fi
    # Two layouts exist: the standard addons in odoo/addons (nightly archives) or in addons/.
    if [ -d "$ODOO_SRC/odoo/addons/sale_stock" ]; then
        ODOO_ADDONS_PATH="$ODOO_SRC/odoo/addons"
    elif [ -d "$ODOO_SRC/addons/sale_stock" ]; then
        ODOO_ADDONS_PATH="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons"
    else
        die "no standard addons (sale_stock) under $ODOO_SRC/odoo/addons or $ODOO_SRC/addons."
    fi
    OMS_ADDONS_PATH="$OMS_ROOT/addons,$ODOO_ADDONS_PATH"
}

# Debian packages Odoo needs to run browser tests (chromium) and print PDF reports (wkhtmltopdf),
# and a Chinese font so that reports printed for Chinese customers show their characters.
ensure_system_packages() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-wqy-zenhei)
    command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian packages: ${missing[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        die "missing programs: ${missing[*]}; install the Debian packages of those names."
    fi
}

# A virtual environment with the pinned, wheel-only requirements; reinstalled when they change.
ensure_venv() {
    command -v "$OMS_PYTHON" >/dev/null 2>&1 || die "$OMS_PYTHON not found (Odoo 18 is run on Python 3.11)."
    [ -x "$OMS_VENV/bin/python" ] || "$OMS_PYTHON" -m venv "$OMS_VENV"
    local stamp="$OMS_VENV/.oms-requirements"
    local want
    want=$(cat "$OMS_ROOT/requirements.txt" "$OMS_ROOT/requirements-dev.txt" | sha256sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "installing pinned Python requirements into $OMS_VENV"
        "$OMS_VENV/bin/pip" install -q --disable-pip-version-check --no-deps --only-binary=:all: \
            -r "$OMS_ROOT/requirements.txt" -r "$OMS_ROOT/requirements-dev.txt" \
            >"$OMS_CACHE/logs/pip.log" 2>&1 \
            || { tail -n 20 "$OMS_CACHE/logs/pip.log" >&2; die "pip could not install requirements.txt / requirements-dev.txt (log: $OMS_CACHE/logs/pip.log)"; }
        echo "$want" >"$stamp"
    fi
}

psql_as() { # psql_as ROLE SQL...
    local role=$1; shift
    psql -X -q -v ON_ERROR_STOP=1 -h "$OMS_DB_HOST" -p "$OMS_DB_PORT" -U "$role" -d postgres "$@"
}

# Use the PostgreSQL server that answers; if none does, start a private throwaway cluster.
ensure_postgres() {
    if pg_isready -q -h "$OMS_DB_HOST" -p "$OMS_DB_PORT"; then
        return 0
    fi
    local bindir data owner=()
    bindir=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    [ -x "$bindir/initdb" ] || die "no PostgreSQL answers at $OMS_DB_HOST:$OMS_DB_PORT and no initdb was found (install Debian's postgresql)."
    OMS_DB_PORT=${OMS_PRIVATE_PG_PORT:-54329}
    data="$OMS_CACHE/pgdata"
    if [ "$(id -u)" = 0 ]; then
        # initdb refuses to run as root; the cluster belongs to the postgres system user.
        data="/tmp/oms-pgdata-$(echo "$OMS_ROOT" | sha256sum | cut -c1-8)"
        owner=(runuser -u postgres --)
    fi
    if pg_isready -q -h "$OMS_DB_HOST" -p "$OMS_DB_PORT"; then
        return 0
    fi
    say "no PostgreSQL at the default address; starting a private cluster in $data on port $OMS_DB_PORT"
    if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"
        [ ${#owner[@]} -gt 0 ] && chown postgres "$data"
        "${owner[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
            || die "initdb failed for $data"
    fi
    "${owner[@]}" "$bindir/pg_ctl" -D "$data" -w -l "$data/server.log" \
        -o "-c listen_addresses=$OMS_DB_HOST -p $OMS_DB_PORT -k $data" start >/dev/null \
        || die "the private PostgreSQL cluster did not start; see $data/server.log"
}

# Odoo refuses to connect as the postgres superuser, so it gets a role of its own.
ensure_role() {
    if psql_as "$OMS_DB_USER" -tAc "select 1" >/dev/null 2>&1; then
        return 0
    fi
    say "creating database role $OMS_DB_USER"
    psql_as postgres -c "CREATE ROLE \"$OMS_DB_USER\" LOGIN CREATEDB PASSWORD '$OMS_DB_USER'" \
        || die "could not create role $OMS_DB_USER as postgres; create it yourself: CREATE ROLE $OMS_DB_USER LOGIN CREATEDB"
}

# config/odoo-NAME.conf with the machine's paths filled in, written to .cache/.
write_config() { # write_config NAME -> prints the path
    local name=$1 out="$OMS_CACHE/odoo-$1.conf"
    sed -e "s#@ADDONS_PATH@#$OMS_ADDONS_PATH#" \
        -e "s#@DB_HOST@#$OMS_DB_HOST#" \
        -e "s#@DB_PORT@#$OMS_DB_PORT#" \
        -e "s#@DB_USER@#$OMS_DB_USER#" \
        -e "s#@DATA_DIR@#$OMS_CACHE/filestore#" \
        "$OMS_ROOT/config/odoo-$name.conf" >"$out"
    # OMS_HTTP_PORT: another port, for two runs side by side on one machine.
    if [ -n "${OMS_HTTP_PORT:-}" ]; then
        sed -i -e "s#^http_port = .*#http_port = $OMS_HTTP_PORT#" \
            -e "s#^gevent_port = .*#gevent_port = $((OMS_HTTP_PORT + 3))#" "$out"
    fi
    echo "$out"
}

odoo_bin() { # odoo_bin CONFIG ARGS...
    local conf=$1; shift
    "$OMS_VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$conf" "$@"
}

drop_db() {
    psql_as "$OMS_DB_USER" -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "$OMS_CACHE/filestore/filestore/$1"
}

# OCA addons installed as wheels (requirements.txt, e.g. queue_job) live in the virtualenv's
# odoo/addons folder, which goes on the addons path once the virtualenv exists.
add_wheel_addons() {
    local wheels="$OMS_VENV/lib/python3.11/site-packages/odoo/addons"
    [ -d "$wheels" ] && OMS_ADDONS_PATH="$OMS_ADDONS_PATH,$wheels"
    return 0
}

setup_all() {
    find_odoo
    ensure_system_packages
    ensure_venv
    add_wheel_addons
    ensure_postgres
    ensure_role
}
