#!/usr/bin/env bash
# Starts validator N (1..4) of the local 4-validator QBFT network with the OpenLedger plugin.
# Needs: `besu` on PATH (26.7.0 or 26.8.0), networkFiles/ from `besu operator generate-blockchain-config`
# (see README.md) and the shaded plugin jar in plugins/.
# NOT RUN on the build machine that wrote it (no Besu binary, no Docker): see README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:?usage: start-node.sh N   (N = 1..4)}"
[[ "$n" =~ ^[1-4]$ ]] || { echo "N must be 1..4, got $n" >&2; exit 2; }

network="${NETWORK_DIR:-$here/networkFiles}"
plugins="${PLUGINS_DIR:-$here/plugins}"
[ -f "$network/genesis.json" ] || { echo "no $network/genesis.json: run besu operator generate-blockchain-config first (README.md)" >&2; exit 1; }
ls "$plugins"/besu-plugin-*.jar >/dev/null 2>&1 || { echo "no plugin jar in $plugins (README.md, 'Plugin')" >&2; exit 1; }

# Key directories are named after the validator addresses; sorted, the Nth is node N.
mapfile -t keys < <(find "$network/keys" -mindepth 1 -maxdepth 1 -type d | sort)
[ "${#keys[@]}" -eq 4 ] || { echo "expected 4 key directories in $network/keys, found ${#keys[@]}" >&2; exit 1; }
key_dir="${keys[$((n - 1))]}"
data="$here/data/node$n"
mkdir -p "$data"
cp "$key_dir/key" "$data/key"

p2p=$((30302 + n))
rpc=$((8544 + n))
metrics=$((9544 + n))
# Node 1 is the bootnode of the other three.
boot_pub="$(sed 's/^0x//' "${keys[0]}/key.pub")"
bootnodes=()
[ "$n" -ne 1 ] && bootnodes=(--bootnodes="enode://$boot_pub@127.0.0.1:30303")

permissions=()
if [ "${PERMISSIONED:-0}" = 1 ]; then
  permissions=(--permissions-accounts-config-file-enabled --permissions-accounts-config-file="$here/permissions_config.toml"
               --permissions-nodes-config-file-enabled --permissions-nodes-config-file="$here/permissions_config.toml")
fi

echo "node $n: enode://$(sed 's/^0x//' "$key_dir/key.pub")@127.0.0.1:$p2p  rpc http://127.0.0.1:$rpc  metrics http://127.0.0.1:$metrics/metrics"
# The devnet's 1 gwei base-fee floor cannot be put in Besu's genesis: the --min-gas-price/--tx-pool-* flags below
# enforce it as a price floor on every validator instead (docs/validators.md, "Gas price policy").
# Besu has no --plugins-dir option: it reads the plugins directory from the besu.plugins.dir system property.
export BESU_OPTS="${BESU_OPTS:-} -Dbesu.plugins.dir=$plugins"
exec besu \
  --data-path="$data" \
  --genesis-file="$network/genesis.json" \
  --node-private-key-file="$data/key" \
  --p2p-port="$p2p" \
  "${bootnodes[@]}" \
  --rpc-http-enabled --rpc-http-host=127.0.0.1 --rpc-http-port="$rpc" \
  --rpc-http-api=ETH,NET,WEB3,QBFT,ADMIN,TXPOOL,PERM,OPENLEDGER \
  --host-allowlist="*" \
  --plugin-openledger-activation-block=0 \
  --metrics-enabled --metrics-host=127.0.0.1 --metrics-port="$metrics" \
  --metrics-category=BLOCKCHAIN,ETHEREUM,EXECUTORS,NETWORK,PEERS,PERMISSIONING,PRUNER,RPC,SYNCHRONIZER,TRANSACTION_POOL,BLOCK_PROCESSING,BAL,BONSAI_CACHE,JVM,PROCESS,OPENLEDGER \
  --min-gas-price=1000000000 --tx-pool-min-gas-price=1000000000 --tx-pool-no-local-priority=true \
  "${permissions[@]}"
