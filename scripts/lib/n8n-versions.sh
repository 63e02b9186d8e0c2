# Sourced by the scripts: reads n8n-versions.json, the one place the tested n8n versions are pinned.
#   n8n_pin newest          -> 2.41.1   (oldest | node20 | newest | queueMode)
#   n8n_pin newest node     -> 24.21.0  (the Node that line runs on; 'system' = the machine's Node)
#   n8n_lines               -> the three n8n versions, oldest first
#   n8n_node_for 2.20.0     -> the Node a (possibly unpinned) n8n version runs on
n8n_versions_file="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/n8n-versions.json"

n8n_pin() {
  node -e 'const pins = require(process.argv[1]); const [line, field] = process.argv.slice(2);
    const entry = line === "queueMode" ? pins[pins.queueMode] : pins[line];
    if (!entry || !entry[field]) { console.error(`n8n-versions.json has no ${line}.${field}`); process.exit(1); }
    console.log(entry[field]);' "$n8n_versions_file" "$1" "${2:-n8n}"
}

n8n_lines() { echo "$(n8n_pin oldest) $(n8n_pin node20) $(n8n_pin newest)"; }

# A pinned version runs on its line's Node; any other version on the Node of the line it belongs to:
# 1.x like the oldest line, 2.0 to 2.9 on the machine's Node like 2.8, 2.10 and later like the newest.
n8n_node_for() {
  node -e 'const pins = require(process.argv[1]); const version = process.argv[2];
    const lines = ["oldest", "node20", "newest"].map((name) => pins[name]);
    const pinned = lines.find((line) => line.n8n === version);
    const [major, minor] = version.split(".").map(Number);
    console.log((pinned ?? (major < 2 ? pins.oldest : major === 2 && minor < 10 ? pins.node20 : pins.newest)).node);' \
    "$n8n_versions_file" "$1"
}
