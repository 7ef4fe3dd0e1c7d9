// A STAND-IN for web/src/core/verify.js while the core is being written, so that the UI can be
// built and looked at. It checks NO signature and replays nothing: it reads the body's lines
// and makes an Outcome of the contract's shape (docs: /work/notes/page-contract.md) from what
// the file records. It is never to ship: verify-import.js names it in one line to replace.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.

const dec = new TextDecoder('utf-8', { fatal: false });

function scalar(v) {
  v = v.trim();
  if (v === 'null') return null;
  if (v.startsWith('"')) return JSON.parse(v);
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

// {a: 1, b: x} and [a, b] of the body's flow style.
function flow(v) {
  v = v.trim();
  if (v.startsWith('[')) return v.slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean).map(scalar);
  if (v.startsWith('{')) {
    const out = {};
    for (const part of v.slice(1, -1).split(/,\s*(?=[a-z_]+:)/)) {
      const i = part.indexOf(':');
      out[part.slice(0, i).trim()] = scalar(part.slice(i + 1));
    }
    return out;
  }
  return scalar(v);
}

function parseBody(text) {
  const lines = text.split('\n');
  if (lines[0] !== 'signpost-result/1') return null;
  const body = { answers: {}, scores: {}, banks: [] };
  let section = null;
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const nested = line.startsWith('  ');
    if (nested && section === 'banks') body.banks.push(flow(line.trim().slice(2)));
    else if (nested && section) {
      const i = line.indexOf(':');
      body[section][line.slice(0, i).trim()] = flow(line.slice(i + 1));
    } else {
      const i = line.indexOf(':');
      const key = line.slice(0, i), val = line.slice(i + 1).trim();
      section = val === '' ? key : null;
      if (val !== '') body[key] = flow(val);
    }
  }
  return body;
}

const msg = (en, zh) => ({ en, zh });

export async function verifyResult(bytes, data, name) {
  const text = dec.decode(bytes);
  const signed = text.startsWith('untrusted comment:');
  const lines = text.split('\n');
  const bodyText = signed ? lines.slice(4).join('\n') : text;
  const body = parseBody(bodyText);
  const base = { keyId: null, publicKey: null, keyName: null, checks: [], untrustedComment: '', body, replay: null };
  if (!body)
    return { ...base, trust: 'failed', verdict: 'malformed',
             message: msg('FAILED — the file is malformed at line 1: not a result', '验证失败 — 文件第 1 行格式错误：不是结果') };
  if (signed) base.untrustedComment = lines[0].slice('untrusted comment:'.length).trim();
  const key = body.signer ? (data.keys || []).find((k) => k.key === body.signer.key) : null;
  base.keyId = body.signer?.id ?? null;
  base.publicKey = body.signer?.key ?? null;
  base.keyName = key?.name ?? null;
  const a = body.scoring?.interest_weight ?? 0.8;
  for (const [dir, s] of Object.entries(body.scores)) {
    if (s.fit == null || s.interest == null) continue;
    const fit = s.aptitude == null ? s.interest : a * s.interest + (1 - a) * s.aptitude;
    if (Math.abs(fit - s.fit) > 2e-6)
      return { ...base, trust: 'failed', verdict: 'replay-mismatch', body,
               message: msg(`FAILED — the scores do not follow from the answers: the fit of ${dir} is recorded as ${s.fit.toFixed(6)}, but the answers give ${fit.toFixed(6)}`,
                            `验证失败 — 分数与按回答算出的不一致：${dir} 的匹配度记录为 ${s.fit.toFixed(6)}，但按回答算出的是 ${fit.toFixed(6)}`) };
  }
  const m = (data.manifests || []).find((x) => x.id === body.quiz.id && x.version === body.quiz.version);
  if (m) {
    const scoresText = {};
    for (const [dir, s] of Object.entries(body.scores))
      scoresText[dir] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v == null ? null : v.toFixed(6)]));
    const answered = Object.entries(body.answers).filter(([, v]) => v !== 'skip');
    base.replay = {
      exact: true, quiz: m.id, version: m.version, primary: body.primary, ranking: body.ranking,
      nearTie: body.near_tie || [], flat: body.flat, level: body.level, settle: body.settle ?? null,
      scores: body.scores, scoresText,
      drivers: answered.filter(([id]) => id.startsWith(`${body.primary}.`)).slice(0, 3)
        .map(([question], i) => ({ question, effect: 0.1 / (i + 1) })),
    };
  }
  const top = body.primary ?? 'none';
  if (!signed)
    return { ...base, trust: 'unsigned', verdict: 'unsigned',
             message: msg('not signed — this result has no signature, so anyone could have written it; whoever holds a signing key can sign it with \'signpost sign\'',
                          '未签名 — 此结果没有签名，任何人都可能写出它；持有签名密钥的人可以用“signpost sign”为它签名') };
  if (!key)
    return { ...base, trust: 'untrusted', verdict: 'untrusted-key',
             message: msg(`intact, signer not trusted — signed by key ${base.keyId} (public key ${base.publicKey}), which is not one you trust; the content is unchanged since that key signed it; quiz ${body.quiz.id} ${body.quiz.version}, top direction ${top}; compare the key with the one its signer published, then trust it with: signpost trust ${base.publicKey}`,
                          `完好，签名者不受信任 — 由密钥 ${base.keyId}（公钥 ${base.publicKey}）签名，你不信任该密钥；内容自该密钥签名以来未被改动；测评 ${body.quiz.id} ${body.quiz.version}，首选方向 ${top}；请把该密钥与签名者公布的密钥比对，然后用以下命令信任它：signpost trust ${base.publicKey}`) };
  if (!m)
    return { ...base, trust: 'trusted', verdict: 'no-banks',
             message: msg(`intact — signed by trusted key ${base.keyId} (${key.name}); the signature is good, but the scores were not re-derived: quiz ${body.quiz.id} ${body.quiz.version} is not available here`,
                          `完好 — 由受信任的密钥 ${base.keyId}（${key.name}）签名；签名有效，但分数没有重新计算：这里没有测评 ${body.quiz.id} ${body.quiz.version}`) };
  return { ...base, trust: 'trusted', verdict: 'verified',
           message: msg(`verified — signed by trusted key ${base.keyId} (${key.name}); quiz ${m.id} ${m.version}, top direction ${top}; the scores follow from the ${body.answered + body.skipped} answers`,
                        `已验证 — 由受信任的密钥 ${base.keyId}（${key.name}）签名；测评 ${m.id} ${m.version}，首选方向 ${top}；分数与按这 ${body.answered + body.skipped} 个回答算出的一致`) };
}
