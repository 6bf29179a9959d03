// A small step chart of cumulative earnings by block, drawn as SVG (no library).
// The points' amounts are exact decimal strings; the chart only needs them as pixel heights.

const W = 900;
const H = 220;
const PAD = { left: 70, right: 16, top: 14, bottom: 30 };

export function earningsChart(series) {
  if (!series.length) return '<svg class="chart" viewBox="0 0 900 220"><text x="450" y="110" text-anchor="middle" fill="#667085">No earnings yet</text></svg>';
  const blocks = series.map((p) => Number(p.block));
  const totals = series.map((p) => Number(p.totalWei) / 1e18);
  const x0 = Math.min(...blocks);
  const x1 = Math.max(...blocks, x0 + 1);
  const y1 = Math.max(...totals) || 1;
  const x = (b) => PAD.left + ((b - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / y1) * (H - PAD.top - PAD.bottom);
  let path = `M ${x(x0)} ${y(0)}`;
  series.forEach((p, i) => {
    path += ` H ${x(blocks[i])} V ${y(totals[i])}`;
  });
  path += ` H ${x(x1)}`;
  const dots = series.map((p, i) => `<circle cx="${x(blocks[i])}" cy="${y(totals[i])}" r="3.5" fill="#2454d6"><title>block ${p.block}: ${p.total} OPEN in all</title></circle>`).join('');
  return `<svg class="chart" id="earnings-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="cumulative earnings by block">
    <line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#cfd4dc"/>
    <line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#cfd4dc"/>
    <text x="${PAD.left - 6}" y="${y(y1) + 4}" text-anchor="end" font-size="11" fill="#667085">${series[series.length - 1].total}</text>
    <text x="${PAD.left - 6}" y="${y(0) + 4}" text-anchor="end" font-size="11" fill="#667085">0</text>
    <text x="${x(x0)}" y="${H - 10}" text-anchor="middle" font-size="11" fill="#667085">block ${x0}</text>
    <text x="${x(x1)}" y="${H - 10}" text-anchor="end" font-size="11" fill="#667085">block ${x1}</text>
    <path d="${path}" fill="none" stroke="#2454d6" stroke-width="2"/>${dots}</svg>`;
}
