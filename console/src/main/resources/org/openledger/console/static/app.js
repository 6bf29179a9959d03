// The OpenLedger console: one page per hash route, data read from the console's JSON API and
// re-read whenever a new block arrives (Server-Sent Events on /api/events). Forms post JSON with an
// Idempotency-Key made once per submit, so a double click or a retry never sends twice.
import { earningsChart } from './chart.js';

const $ = (sel, root = document) => root.querySelector(sel);
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const short = (a) => (a && a.length > 14 ? a.slice(0, 8) + '…' + a.slice(-4) : a ?? '');
const state = (s) => `<span class="state ${esc(s)}">${esc(s)}</span>`;
const addr = (a) => `<span class="mono" title="${esc(a)}">${esc(short(a))}</span>`;

let status = null;
let wallet = null; // the browser wallet's account, when the user connected one
const pending = new Set(); // actions in flight: their buttons stay disabled across re-renders

async function getJson(path) {
  const r = await fetch(path, { cache: 'no-store' });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error?.message ?? r.statusText);
  return body;
}

function message(kind, text) {
  const m = $('#message');
  if (m) m.innerHTML = text ? `<div class="${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${esc(text)}</div>` : '';
}

function signerName(address) {
  const s = status?.signers.find((x) => x.address.toLowerCase() === String(address).toLowerCase());
  return s ? s.name : short(address);
}

function who(a) {
  const n = signerName(a);
  return n === short(a) ? addr(a) : `<span title="${esc(a)}">${esc(n)}</span>`;
}

function currentSigner() {
  return wallet ?? $('#signer').value;
}

async function fileBase64(input) {
  const file = input.files[0];
  if (!file) return '';
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// ---- writes

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!form.dataset.post) return;
  event.preventDefault();
  const path = form.dataset.post;
  if (pending.has(path)) return; // already on its way
  pending.add(path); // before the first await: a second click finds it taken
  const body = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    body[el.name] = el.type === 'file' ? await fileBase64(el) : el.value;
  }
  if (wallet) Object.assign(body, { wallet: true, from: wallet });
  else body.as = currentSigner();
  const key = crypto.randomUUID(); // one per submit: a retry of this submit reuses it
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => (b.disabled = true));
  message('ok', form.dataset.busy ?? 'Sending…');
  try {
    const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
    const result = await r.json();
    if (!r.ok) throw new Error(result.error?.message ?? r.statusText);
    if (result.wallet) {
      const tx = await window.ethereum.request({ method: 'eth_sendTransaction', params: [{ from: wallet, to: result.to, data: result.data, value: result.value }] });
      message('ok', `Sent from your wallet: ${tx}`);
    } else {
      message('ok', describe(form.dataset.done, result));
    }
    if (form.dataset.reset !== 'no') form.reset();
  } catch (e) {
    message('error', e.message);
  } finally {
    pending.delete(path);
    buttons.forEach((b) => (b.disabled = false));
    refresh();
  }
});

/** "Created Datanet {datanet}" with the result's fields filled in, and the transaction. */
function describe(template, result) {
  const text = (template ?? 'Done').replace(/\{(\w+)\}/g, (_, k) => result[k] ?? '?');
  return result.tx ? `${text} (transaction ${short(result.tx)} in block ${result.block})` : text;
}

function action(path, label, extra = '', cls = 'small') {
  const disabled = pending.has(path) ? 'disabled' : '';
  return `<form class="inline" data-post="${esc(path)}" data-done="${esc(label)}: done" data-reset="no" style="display:inline-flex">${extra}<button class="${cls}" ${disabled}>${esc(label)}</button></form>`;
}

// ---- pages

const pages = {
  datanets: {
    title: 'Datanets',
    form: () => `<section class="card"><h2>Create a Datanet</h2>
      <form id="create-datanet" data-post="/api/datanets" data-done="Created Datanet {datanet}">
        <label>Name <input name="name" required placeholder="fashion-mnist"></label>
        <label>Deposit per contribution (OPEN) <input name="deposit" required value="1"></label>
        <label>Metadata URI <input name="uri" placeholder="optional"></label>
        <button>Create</button></form></section>`,
    async load() {
      const list = await getJson('/api/datanets');
      if (!list.length) return '<p class="empty">No Datanets yet: create the first one above.</p>';
      return `<table id="datanets"><tr><th>id</th><th>name</th><th>owner</th><th class="num">deposit</th><th class="num">accepted</th><th class="num">pending</th><th class="num">contributions</th></tr>
        ${list.map((d) => `<tr><td><a href="#/datanets/${d.id}">${d.id}</a></td><td><a href="#/datanets/${d.id}">${esc(d.name)}</a></td><td>${who(d.owner)}</td>
        <td class="num">${esc(d.deposit)}</td><td class="num">${d.accepted}</td><td class="num">${d.pending}</td><td class="num">${d.contributions}</td></tr>`).join('')}</table>`;
    },
  },

  datanet: {
    title: 'Datanet',
    form: ([id]) => `<section class="card"><h2>Contribute a file to Datanet ${esc(id)}</h2>
      <form id="contribute" data-post="/api/datanets/${esc(id)}/contributions" data-done="Submitted contribution {contribution} (content {contentHash})">
        <label>File (stored in the node's content store; its hash goes on-chain) <input type="file" name="content" required></label>
        <button>Contribute</button></form></section>`,
    async load([id]) {
      const d = await getJson(`/api/datanets/${encodeURIComponent(id)}`);
      const rows = d.contributionList.map((c) => `<tr id="contribution-${c.id}"><td>${c.id}</td><td>${who(c.contributor)}</td><td>${state(c.status)}</td>
        <td class="num">${esc(c.deposit)}</td><td class="mono">${esc(short(c.uri.split('/').pop()))}</td><td>${c.status === 'pending'
          ? action(`/api/contributions/${c.id}/accept`, 'Accept') + ' ' + action(`/api/contributions/${c.id}/reject`, 'Reject', '<input name="reason" placeholder="reason" size="10">', 'small ghost')
          : ''}</td></tr>`).join('');
      return `<h2>${esc(d.name)} <span class="empty">— Datanet ${d.id}, owner ${who(d.owner)}, curator ${who(d.curator)}, deposit ${esc(d.deposit)} OPEN</span></h2>
        <table id="contributions"><tr><th>contribution</th><th>contributor</th><th>status</th><th class="num">deposit</th><th>content</th><th>curate</th></tr>
        ${rows || '<tr><td colspan="6" class="empty">No contributions yet.</td></tr>'}</table>`;
    },
  },

  factory: {
    title: 'ModelFactory',
    form: () => `<section class="card"><h2>Propose a model</h2>
      <form id="propose-model" data-post="/api/models" data-done="Proposed model {model}">
        <label>Name <input name="name" required placeholder="fashion-classifier"></label>
        <label>Trained on Datanets (ids) <input name="datanets" required placeholder="1, 2"></label>
        <button>Propose</button></form></section>
      <section class="card"><h2>Launch a fine-tuning job</h2>
      <form id="launch-job" data-post="/api/jobs" data-done="Opened job {job}" data-busy="Publishing the evaluation set and opening the job…">
        <label>Model id <input name="model" required size="6"></label>
        <label>Evaluation set (image-contribution file) <input type="file" name="evaluation" required></label>
        <label>Architecture <select name="architecture"><option value="logistic">logistic regression</option><option value="mlp">MLP (one hidden ReLU layer)</option></select></label>
        <label>Hidden units (MLP) <input name="hidden" value="64" size="4"></label>
        <label>Minimum accuracy (%) <input name="minScore" value="70" size="6"></label>
        <label>Budget (OPEN) <input name="budget" value="50" size="8"></label>
        <button>Launch</button></form></section>`,
    async load() {
      const [models, jobs] = await Promise.all([getJson('/api/models'), getJson('/api/jobs')]);
      const m = models.map((x) => `<tr id="model-${x.id}"><td>${x.id}</td><td>${esc(x.name)}</td><td>${who(x.owner)}</td><td>${state(x.state)}</td>
        <td>${esc(x.datanets.join(', '))}</td><td>${x.versions.map((v) => `v${v.version} (${v.attestations} attestation${v.attestations == 1 ? '' : 's'})`).join(', ') || '–'}</td>
        <td>${x.deployedVersion > 0 ? 'v' + x.deployedVersion : '–'}</td></tr>`).join('');
      const j = jobs.map((x) => `<tr id="job-${x.id}"><td>${x.id}</td><td>${x.model}</td><td>${state(x.state)}</td><td class="num">${esc(x.budget)}</td>
        <td class="num">${esc(x.minScore)}</td><td>${x.trainer && !/^0x0+$/.test(x.trainer) ? who(x.trainer) : '–'}</td><td>${x.version > 0 ? 'v' + x.version : '–'}</td>
        <td class="num">${x.version > 0 ? esc(x.evaluationScore) : '–'}</td><td>${progress(x.progress)}</td></tr>`).join('');
      return `<h2>Models</h2><table id="models"><tr><th>id</th><th>name</th><th>owner</th><th>state</th><th>datanets</th><th>versions</th><th>deployed</th></tr>
        ${m || '<tr><td colspan="7" class="empty">No models yet.</td></tr>'}</table>
        <h2>Fine-tuning jobs</h2><table id="jobs"><tr><th>job</th><th>model</th><th>state</th><th class="num">budget</th><th class="num">min accuracy</th><th>trainer</th><th>version</th><th class="num">evaluation</th><th>progress</th></tr>
        ${j || '<tr><td colspan="9" class="empty">No jobs yet.</td></tr>'}</table>`;
    },
  },

  governance: {
    title: 'Governance',
    form: () => `<section class="card"><h2>Propose</h2>
      <form id="propose" data-post="/api/proposals" data-done="Proposal {proposal} created">
        <label>Action <select name="kind"><option value="approve">approve a model</option><option value="deploy">deploy a model version</option></select></label>
        <label>Model id <input name="model" required size="6"></label>
        <label>Version (deploy) <input name="version" size="4"></label>
        <label>Description <input name="description" placeholder="optional"></label>
        <button>Propose</button></form></section>`,
    async load() {
      const list = await getJson('/api/proposals');
      const rows = list.map((p) => {
        const id = p.id;
        const acts = [];
        if (p.state === 'Active') for (const s of ['for', 'against', 'abstain']) acts.push(action(`/api/proposals/${id}/vote`, 'Vote ' + s, `<input type="hidden" name="support" value="${s}">`, s === 'for' ? 'small' : 'small ghost'));
        if (p.state === 'Succeeded') acts.push(action(`/api/proposals/${id}/queue`, 'Queue'));
        if (p.state === 'Queued') acts.push(action(`/api/proposals/${id}/execute`, 'Execute'));
        if (status?.devnet && ['Pending', 'Active', 'Queued'].includes(p.state)) acts.push(action('/api/devnet/advance', 'Skip to next stage', `<input type="hidden" name="proposal" value="${id}">`, 'small ghost'));
        return `<tr data-proposal="${id}"><td class="mono" title="${id}">${esc(short(id))}</td><td>${esc(p.description)}</td><td>${state(p.state)}</td>
          <td class="num">${esc(p.for)}</td><td class="num">${esc(p.against)}</td><td class="num">${esc(p.abstain)}</td><td>${p.voteStart}–${p.voteEnd}</td><td>${acts.join(' ')}</td></tr>`;
      }).join('');
      return `<h2>Proposals</h2><table id="proposals"><tr><th>proposal</th><th>description</th><th>state</th><th class="num">for</th><th class="num">against</th><th class="num">abstain</th><th>voting blocks</th><th></th></tr>
        ${rows || '<tr><td colspan="8" class="empty">No proposals yet.</td></tr>'}</table>`;
    },
  },

  inference: {
    title: 'Inference',
    form: () => `<section class="card"><h2>Request an inference</h2>
      <form id="request-inference" data-post="/api/inference" data-done="Requested inference {request} (escrowed {maxFee} OPEN)">
        <label>Model id <input name="model" required size="6"></label>
        <label>Version (default: deployed) <input name="version" size="4"></label>
        <label>Input (the model's input bytes: 14×14 pixels) <input type="file" name="input" required></label>
        <button>Request</button></form></section>
      ${status?.devnet ? `<section class="card"><h2>Let time pass (devnet)</h2>
      <form id="mine" data-post="/api/devnet/mine" data-done="Sealed blocks; the head is now {head}">
        <label>Blocks to seal (a proof settles once its challenge window has passed) <input name="blocks" value="301" size="8"></label>
        <button class="ghost">Seal blocks</button></form></section>` : ''}`,
    async load() {
      const list = await getJson('/api/inference');
      const rows = list.map((r) => `<tr id="request-${r.id}"><td>${r.id}</td><td>${r.model} v${r.version}</td><td>${who(r.requester)}</td><td>${state(r.state)}</td>
        <td class="num">${esc(r.maxFee)}</td><td class="num">${r.state === 'Settled' || r.state === 'Resulted' ? esc(r.fee) : '–'}</td><td>${r.block}</td></tr>`).join('');
      return `<h2>Requests</h2><table id="requests"><tr><th>request</th><th>model</th><th>requester</th><th>state</th><th class="num">escrow</th><th class="num">fee</th><th>block</th></tr>
        ${rows || '<tr><td colspan="7" class="empty">No requests yet.</td></tr>'}</table>`;
    },
  },

  contributor: {
    title: 'Contributor',
    form: ([a]) => lookup('contributor', a, 'Show the payouts of'),
    async load([a]) {
      const c = await getJson(`/api/contributors/${encodeURIComponent(a || currentSigner())}`);
      const rows = c.payouts.map((p) => `<tr class="payout"><td>${p.request}</td><td>${p.model} v${p.version}</td><td class="num">${p.score}</td><td class="num">${esc(p.share)}</td>
        <td class="num">${esc(p.amount)}</td><td>${p.prover ? who(p.prover) : '–'}</td><td class="mono proof" title="${esc(p.proofHash)}">${esc(short(p.proofHash))}</td>
        <td class="mono" title="${esc(p.proofTx)}">${esc(short(p.proofTx))}</td><td>${p.block}</td></tr>`).join('');
      return `<div class="stats"><div><b id="earned">${esc(c.total)}</b>OPEN earned by ${who(c.address)}</div><div><b>${c.payouts.length}</b>inferences paid them</div></div>
        <h2>Earnings over time</h2>${earningsChart(c.series)}
        <h2>Every inference that paid them</h2>
        <table id="payouts"><tr><th>request</th><th>model</th><th class="num">influence score</th><th class="num">share of contributors</th><th class="num">paid (OPEN)</th><th>prover</th><th>proof hash</th><th>proof transaction</th><th>block</th></tr>
        ${rows || '<tr><td colspan="9" class="empty">Nothing paid yet: payouts appear once a proof is verified and the request settles.</td></tr>'}</table>`;
    },
  },

  prover: {
    title: 'Prover',
    form: ([a]) => lookup('prover', a, 'Show the prover'),
    async load([a]) {
      const p = await getJson(`/api/provers/${encodeURIComponent(a || currentSigner())}`);
      const table = (id, head, rows, empty) => `<table id="${id}"><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.join('') || `<tr><td colspan="${head.length}" class="empty">${empty}</td></tr>`}</table>`;
      return `<div class="stats"><div><b>${esc(p.bond.total)}</b>OPEN bonded</div><div><b>${esc(p.bond.locked)}</b>locked in claims</div><div><b>${esc(p.bond.unbonding)}</b>unbonding</div><div><b id="prover-earned">${esc(p.earned)}</b>OPEN earned</div></div>
        <h2>Claims</h2>${table('claims', ['request', 'locked', 'until block', 'block'], p.claims.map((c) => `<tr><td>${c.request}</td><td>${esc(c.locked)}</td><td>${c.until}</td><td>${c.block}</td></tr>`), 'No claims.')}
        <h2>Proofs</h2>${table('proofs', ['request', 'proof hash', 'contributors', 'challenge window ends', 'transaction'], p.proofs.map((x) => `<tr><td>${x.request}</td><td class="mono">${esc(short(x.proofHash))}</td><td>${x.contributors}</td><td>${x.challengeEnds}</td><td class="mono">${esc(short(x.tx))}</td></tr>`), 'No proofs.')}
        <h2>Challenges</h2>${table('challenges', ['request', 'challenger', 'evidence', 'block'], p.challenges.map((x) => `<tr><td>${x.request}</td><td>${who(x.challenger)}</td><td class="mono">${esc(short(x.evidenceHash))}</td><td>${x.block}</td></tr>`), 'No challenges against this prover.')}
        <h2>Fraud proofs</h2>${table('fraud-proofs', ['request', 'challenger', 'kind', 'outcome', 'block'], p.fraudProofs.map((x) => `<tr><td>${x.request}</td><td>${who(x.challenger)}</td><td>${esc(x.kind)}</td><td>${esc(x.outcome)}</td><td>${x.block}</td></tr>`), 'No one-step fraud proofs against this prover\'s proofs.')}
        <h2>Earnings</h2>${table('earnings', ['request', 'amount (OPEN)', 'block'], p.earnings.map((x) => `<tr><td>${x.request}</td><td>${esc(x.amount)}</td><td>${x.block}</td></tr>`), 'Nothing earned yet.')}`;
    },
  },
};

function lookup(page, a, label) {
  return `<section class="card"><form id="lookup" onsubmit="event.preventDefault(); location.hash = '#/${page}/' + this.address.value.trim();">
    <label>${esc(label)} <input name="address" size="44" placeholder="0x… (default: the signing account)" value="${esc(a ?? '')}"></label><button>Show</button></form></section>`;
}

function progress(p) {
  if (!p) return '–';
  if (p.error) return `<span class="error">${esc(p.error)}</span>`;
  const bar = p.total > 0 ? `<div class="bar"><span style="width:${Math.round((100 * p.done) / p.total)}%"></span></div>` : '';
  return `${esc(p.phase)}${p.total > 0 ? ` (${p.done}/${p.total})` : ''}${bar}`;
}

// ---- routing and live updates

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  let name = parts[0] || 'datanets';
  if (name === 'datanets' && parts[1]) return { name: 'datanet', page: pages.datanet, args: parts.slice(1), nav: 'datanets' };
  if (!pages[name]) name = 'datanets';
  return { name, page: pages[name], args: parts.slice(1), nav: name };
}

let shown = null;
let loading = false;
let again = false;

function render() {
  const r = route();
  shown = r;
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === r.nav));
  $('#page').innerHTML = `<h1>${esc(r.page.title)}</h1><div id="message"></div>${r.page.form(r.args)}<div id="data" class="loading"></div>`;
  refresh();
}

/** Re-reads the shown page's data (one read at a time; a block during a read queues one more). */
async function refresh() {
  if (!status) return;
  const typing = document.activeElement;
  if (typing && typing.tagName === 'INPUT' && $('#data')?.contains(typing)) return; // the next block re-reads it
  if (loading) {
    again = true;
    return;
  }
  loading = true;
  const r = shown;
  try {
    const html = await r.page.load(r.args);
    if (shown === r) {
      $('#data').innerHTML = html;
      $('#data').classList.remove('loading');
    }
  } catch (e) {
    if (shown === r) $('#data').innerHTML = `<div class="error" role="alert">${esc(e.message)}</div>`;
  } finally {
    loading = false;
    if (again) {
      again = false;
      refresh();
    }
  }
}

async function start() {
  status = await getJson('/api/status');
  $('#chain').textContent = `chain ${status.chainId}${status.devnet ? ' (devnet)' : ''}`;
  $('#head').textContent = status.head;
  $('#signer').innerHTML = status.signers.map((s) => `<option value="${esc(s.address)}">${esc(s.name)} — ${esc(short(s.address))} (${esc(s.balance)} OPEN)</option>`).join('');
  if (!status.signers.length) {
    $('#signer').closest('label').hidden = true;
    if (window.ethereum) $('#wallet').hidden = false;
  }
  $('#signer').addEventListener('change', () => {
    if (['contributor', 'prover'].includes(route().name)) render();
  });
  $('#wallet').addEventListener('click', async () => {
    const accounts = await window.ethereum.request({ method: 'eth_requestAccounts' });
    wallet = accounts[0];
    $('#wallet').textContent = 'wallet ' + short(wallet);
  });
  window.addEventListener('hashchange', render);
  render();
  const events = new EventSource('/api/events');
  events.addEventListener('head', (e) => {
    $('#head').textContent = e.data;
    refresh();
  });
}

start().catch((e) => ($('#page').innerHTML = `<div class="error" role="alert">Cannot reach the console's API: ${esc(e.message)}</div>`));
