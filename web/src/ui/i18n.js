// The page's words, in English and Chinese. Every key is in both tables (web/test/ui.test.mjs
// checks it, and that both use the same {placeholders}). A value is a string, or for words
// that follow a count an object {one, other} (Chinese needs only `other`).
//
// Texts from the page data (directions, questions) are TEXT objects; textOf() picks one.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.

export const LANGS = ['en', 'zh'];

export const STRINGS = {
  en: {
    pageTitle: 'signpost result verifier',
    lede: 'This page checks .signpost result files in your browser, offline: nothing you give it leaves this computer, and it loads nothing from any network.',
    madeBy: 'Made by {engine} on {made}.',
    keysHeading: 'Keys this page trusts',
    keysNone: 'This page trusts no key: a signed result can be intact here, but never verified.',
    keyFrom: 'from {name}',
    keyGivenOnCommandLine: 'given as text, not from a file',
    quizzesHeading: 'Quizzes it can replay',
    quizzesNone: 'This page holds no quiz: results are checked for integrity, but their scores are not replayed.',
    meaningHeading: 'What a verdict means',
    meaning: 'A good signature proves that the file is unchanged since that key signed it, and a replay that the advice follows from the recorded answers; neither proves that the answers were honest or who sat at the keyboard, so a result is worth what its signer is worth to you.',
    legendTrusted: 'signed by a key this page trusts, and the scores follow from the answers.',
    legendUntrusted: 'unchanged since it was signed, but by a key this page does not trust.',
    legendUnsigned: 'anyone could have written it.',
    legendFailed: 'changed after signing, malformed, or the scores do not follow from the answers.',
    language: 'Language',
    dropHeading: 'Check result files',
    dropHint: 'Drop one or more .signpost files anywhere on this page, or',
    pick: 'choose files…',
    dropHere: 'Drop the files to check them',
    fragmentHint: 'A result can also come as a link, verify.html#r=…: the part after # stays in the browser and never reaches a server.',
    clear: 'Clear the results',
    busy: { one: 'Checking {n} file…', other: 'Checking {n} files…' },
    doneCount: { one: '{n} file checked.', other: '{n} files checked.' },
    template: 'This is the template of the verifier page: it holds no keys and no quizzes yet. Make a page with your public key: signpost verifier -p KEY.pub -o verify.html',
    badData: 'The data of this page cannot be read ({why}). Make the page again with signpost verifier.',
    noEd25519: 'This browser cannot check Ed25519 signatures (its WebCrypto has no Ed25519), so no signature can be verified here. Open the page in a recent Chromium, Firefox or Safari, or use signpost verify.',
    // A result's verdict, in a few words.
    trusted: 'Verified',
    trustedIntact: 'Intact, signed by a trusted key',
    untrusted: 'Intact, signer not trusted',
    unsigned: 'Not signed',
    failed: 'FAILED',
    notChecked: 'Not checked: this browser cannot verify',
    notCheckedWhy: 'This is no verdict on the file: this browser could not check its signature, so the file may be good or bad. Open the page in a current Chromium, Firefox or Safari, from a file or over https, or check the file with signpost verify.',
    fromLink: 'the result in the link',
    signerKey: 'Signer’s key {id}',
    trustHow: 'Compare this key, character for character, with the one its signer published: only if they match is the result theirs.',
    trustSignpost: 'If you use signpost and trust this signer for this purpose, you can trust the key with the command signpost trust followed by the key.',
    copyTrust: 'Copy the command',
    trustPage: 'This page trusts only the keys its publisher made it with; if this signer should be trusted here, ask whoever gave you the page to add the key.',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Select it and copy it by hand.',
    untrustedComment: 'Untrusted comment: “{comment}”. No signature covers this line: anyone could have written it, so it says nothing about the result.',
    checksHeading: 'The nine checks',
    check_structure: 'Structure',
    check_signer: 'Named signer',
    check_key: 'Signer’s key',
    check_signature: 'Signature',
    'check_comment-signature': 'Comment signature',
    check_domain: 'Domain tag',
    check_comment: 'Trusted comment',
    check_banks: 'Quiz and banks',
    check_replay: 'Replay',
    status_passed: 'passed',
    status_failed: 'failed',
    status_warning: 'warning',
    status_skipped: 'skipped',
    headingNamed: 'Quiz {id} {version}, taken by {name}, finished {when}, language {lang}',
    headingAnon: 'Quiz {id} {version}, finished {when}, language {lang}',
    notReplayed: 'Intact but not replayed: this page does not hold quiz {id} {version} as the result names it (its manifest, directions and banks; see the checks). The numbers below are the ones the file records; nothing here re-derived them.',
    partlyReplayed: 'Partly replayed: this page holds the banks of quiz {id} {version} but not its manifest, so the answers were scored again with the parameters the result records, which could not be checked.',
    failedRecorded: 'What the file records (not to be relied on: the check failed)',
    rederivedHeading: 'What the recorded answers give, scored again by this page',
    rederivedNote: 'Not what the file claims: these are the scores this page computed from the answers the file holds, shown only to compare with the recorded ones above.',
    recordedOnly: 'What the file records',
    bestFit: 'Best fit: {name}',
    nothingMeasured: 'Nothing could be measured: no question was answered.',
    flatSame: 'Every statement got the same rating, so the quiz cannot tell what the taker prefers; no direction is picked.',
    flatClose: 'No direction stands out: all fits lie within {flat} of each other, so no direction is picked.',
    closest: 'The closest is {name}; read the ranking as a weak hint.',
    tieSettle: {
      one: '{names} are too close to call on these answers: about {n} more question would settle it.',
      other: '{names} are too close to call on these answers: about {n} more questions would settle it.',
    },
    tieHardly: '{names} are too close to call on these answers, and more questions would hardly settle it.',
    tieEqual: '{names} fit almost equally (within {margin}): the quiz cannot separate them.',
    tieApart: 'What would tell them apart is which of this work the taker would rather do:',
    listAnd: ' and ',
    listComma: ', ',
    colon: ': ',
    chartHeading: 'Fit by direction',
    chartCaption: 'Fit from 0 to 1, best first.',
    notMeasured: 'not measured',
    badgeBest: 'best fit',
    badgeTie: 'near tie',
    levelHeading: 'Level',
    level_entry: 'entry (0 to 6 months into the learning path)',
    level_advanced: 'advanced (6 to 18 months into the learning path)',
    level_professional: 'professional (18 to 36 months into the learning path)',
    level_expert: 'expert (36 months and more into the learning path)',
    levelNoneAnswered: 'not measured (no question was answered)',
    levelNoneAsked: 'not measured (no knowledge question was asked)',
    levelNote: 'An indication from the knowledge questions, not a grade.',
    counts: 'Questions answered: {answered}; skipped: {skipped}.',
    driversWhy: 'Why {name}: the answers that counted most',
    driversMoved: 'The answers that moved {name} most',
    answered: 'answered: {answer}',
    effect: '{name} fit {effect}',
    listSemicolon: '; ',
    skippedAnswer: 'skipped',
    likert_1: 'strongly disagree',
    likert_2: 'disagree',
    likert_3: 'neither agree nor disagree',
    likert_4: 'agree',
    likert_5: 'strongly agree',
    likertAnswer: '{value} ({word})',
    about: 'About {name}',
    suits: 'Who it suits',
    skills: 'Skills to build first',
    steps: 'Three first steps',
    stepProject: 'Project: ',
    stepTool: 'Tool: ',
    stepRead: 'Reading: ',
    learnNext: 'What to learn next',
    learnNone: 'No knowledge question that names a topic was missed: go on with the skills above.',
    copyLink: 'Copy a link to this result',
    linkCopied: 'Link copied. It holds the whole result, the name and the answers too: share it only with whom you would give the file.',
    linkTooLong: 'This result is too large to travel as a link.',
    linkLocal: 'A link to this result works only from a copy of this page that is served over https: opened as a local file, the page has no address to share.',
    tooLarge: '{file} is {size} MiB, larger than any result (at most 16 MiB); it was not read.',
    unreadable: '{file} cannot be read: {why}',
    badFragment: 'The link’s #r= part is not a result in base64url: {why}',
    crashed: 'The check stopped with an error: {why}',
    // The verdict sentence under the pill (ui/verdict.js), in the page's words: never a
    // command-line option; "this page's keys" where verify says "the keys you gave".
    sayVerified: { one: 'Signed by key {id}, one of this page’s keys; quiz {quiz}, best fit {top}; the scores follow from the {n} answer.', other: 'Signed by key {id}, one of this page’s keys; quiz {quiz}, best fit {top}; the scores follow from the {n} answers.' },
    sayPartly: 'Intact, signed by key {id}, one of this page’s keys; quiz {quiz}, best fit {top}; the scores were only partly re-derived: this page holds the quiz’s banks but not its manifest, so the answers were scored with the parameters the result records, which could not be checked.',
    sayNoBanks: 'Intact, signed by key {id}, one of this page’s keys; quiz {quiz}, best fit {top}. This page does not hold quiz {quiz}, so the scores were not re-derived.',
    sayUntrusted: 'Intact: the content is unchanged since key {id} signed it, but that key is not one of this page’s keys, so who signed it is not known; quiz {quiz}, best fit {top}.',
    sayUnsigned: 'Not signed: this result has no signature, so anyone could have written it.',
    sayNotChecked: 'This browser cannot check Ed25519 signatures here, so nothing is said about this file.',
    sayMisnamedSigner: 'The result misnames its signer: {why}.',
    sayMalformed: 'The file is not a well-formed result: {why}.',
    sayUnknownKey: 'Signed by key {id}, which is not one of this page’s keys and which the result does not name as its signer, so its signature cannot be checked here.',
    sayLegacy: 'Signed by key {id} in minisign’s legacy mode, which signpost does not accept.',
    sayAltered: 'Changed after signing: the content no longer matches the signature of key {id}.',
    sayCommentAltered: 'The trusted comment was changed after signing: it no longer matches its signature (key {id}).',
    sayNotAResult: 'Not a signed signpost result: {why}.',
    sayCommentMismatch: 'The trusted comment disagrees with the result: {why}.',
    sayQuizMismatch: 'The result misnames the quiz it was taken with: {why}.',
    sayReplayMismatch: 'The scores do not follow from the answers: {why}.',
    whyScore: 'the {field} of {name} is recorded as {recorded}, but the answers give {derived}',
    field_interest: 'interest',
    field_aptitude: 'aptitude',
    field_fit: 'fit',
    field_se: 'standard error',
    field_gap_se: 'standard error of the gap',
    noDirection: 'none',
    when: '{date} {time} UTC',
  },
  zh: {
    pageTitle: 'signpost 结果验证页',
    lede: '本页在浏览器里离线检查 .signpost 结果文件：交给它的文件不会离开这台电脑，它也不从任何网络加载内容。',
    madeBy: '由 {engine} 于 {made} 生成。',
    keysHeading: '本页信任的密钥',
    keysNone: '本页不信任任何密钥：已签名的结果在这里最多是“完好”，不会是“已验证”。',
    keyFrom: '来自 {name}',
    keyGivenOnCommandLine: '以文本形式给出，不来自文件',
    quizzesHeading: '可以重新计分的测评',
    quizzesNone: '本页不含任何测评：只检查结果是否完好，不重新计分。',
    meaningHeading: '结论的含义',
    meaning: '签名有效，说明文件自该密钥签名以来没有被改动；重新计分通过，说明建议确实由记录的回答得出。但两者都不能证明回答是否诚实，也不能证明是谁坐在键盘前，所以一份结果的分量取决于你对签名者的信任。',
    legendTrusted: '由本页信任的密钥签名，且分数与按回答算出的一致。',
    legendUntrusted: '签名后没有被改动，但签名密钥不在本页信任之列。',
    legendUnsigned: '任何人都可能写出这个文件。',
    legendFailed: '签名后被改动过、格式有误，或分数与按回答算出的不一致。',
    language: '语言',
    dropHeading: '检查结果文件',
    dropHint: '把一个或多个 .signpost 文件拖到本页任意位置，或者',
    pick: '选择文件……',
    dropHere: '松开即可检查这些文件',
    fragmentHint: '结果也可以用链接打开：verify.html#r=……。# 之后的部分只留在浏览器里，不会发送到任何服务器。',
    clear: '清除结果',
    busy: { other: '正在检查 {n} 个文件……' },
    doneCount: { other: '已检查 {n} 个文件。' },
    template: '这是验证页的模板：里面还没有密钥，也没有测评。请用你的公钥生成页面：signpost verifier -p 密钥.pub -o verify.html',
    badData: '无法读取本页的数据（{why}）。请用 signpost verifier 重新生成页面。',
    noEd25519: '这个浏览器无法检查 Ed25519 签名（它的 WebCrypto 不支持 Ed25519），因此这里无法验证任何签名。请用较新的 Chromium、Firefox 或 Safari 打开本页，或者使用 signpost verify。',
    trusted: '已验证',
    trustedIntact: '签名完好，由受信任的密钥签名',
    untrusted: '签名完好，签名者不在本页信任之列',
    unsigned: '未签名',
    failed: '验证失败',
    notChecked: '未检查：这个浏览器无法验证',
    notCheckedWhy: '这不是对文件的结论：这个浏览器无法检查它的签名，所以文件可能完好，也可能有问题。请用较新的 Chromium、Firefox 或 Safari，从本地文件或通过 https 打开本页，或者用 signpost verify 检查这个文件。',
    fromLink: '链接中的结果',
    signerKey: '签名者密钥 {id}',
    trustHow: '请把这个密钥与签名者公布的密钥逐字比对：只有两者一致，这份结果才出自该签名者。',
    trustSignpost: '如果你使用 signpost，并且在这件事上信任该签名者，可以用命令 signpost trust 加上这个密钥来信任它。',
    copyTrust: '复制命令',
    trustPage: '本页只信任发布者生成页面时给定的密钥；如果这里应当信任该签名者，请让给你这个页面的人加入这个密钥。',
    copy: '复制',
    copied: '已复制',
    copyFailed: '请手动选中并复制。',
    untrustedComment: '不可信注释：“{comment}”。这一行不受任何签名保护，任何人都可能写下它，所以它对结果不说明任何事。',
    checksHeading: '九项检查',
    check_structure: '结构',
    check_signer: '声明的签名者',
    check_key: '签名者密钥',
    check_signature: '签名',
    'check_comment-signature': '注释签名',
    check_domain: '域标签',
    check_comment: '可信注释',
    check_banks: '测评与题库',
    check_replay: '重新计分',
    status_passed: '通过',
    status_failed: '失败',
    status_warning: '警告',
    status_skipped: '跳过',
    headingNamed: '测评 {id} {version}，作答者 {name}，完成于 {when}，语言 {lang}',
    headingAnon: '测评 {id} {version}，完成于 {when}，语言 {lang}',
    notReplayed: '完好，但没有重新计分：本页没有结果所列的测评 {id} {version}（清单、方向文件和题库，详见各项检查）。下面的数字是文件里记录的，这里没有重新计算过。',
    partlyReplayed: '只部分重新计分：本页有测评 {id} {version} 的题库，但没有它的清单，所以是按结果自己记录的参数重新计分的，这些参数本身无法核对。',
    failedRecorded: '文件记录的内容（检查未通过，不可采信）',
    rederivedHeading: '按文件中的回答由本页重新计算的结果',
    rederivedNote: '这不是文件声称的内容：这些分数是本页按文件中的回答算出的，仅供与上面记录的分数对照。',
    recordedOnly: '文件记录的内容',
    bestFit: '最适合的方向：{name}',
    nothingMeasured: '无法测出任何方向：一道题也没有回答。',
    flatSame: '每道陈述题都给了同一个评分，测评无法分辨作答者的偏好，因此不推荐任何方向。',
    flatClose: '没有哪个方向特别突出：各方向的匹配度彼此相差不到 {flat}，因此不推荐任何方向。',
    closest: '最接近的是{name}；排名只能当作微弱的参考。',
    tieSettle: { other: '按这些回答，{names}难分高下：大约再答 {n} 道题就能分出来。' },
    tieHardly: '按这些回答，{names}难分高下，而且再多答题也很难分出来。',
    tieEqual: '{names}的匹配度几乎相同（相差不超过 {margin}），测评无法区分。',
    tieApart: '区分它们的关键，在于作答者更愿意做下面哪一种工作：',
    listAnd: '和',
    listComma: '、',
    colon: '：',
    chartHeading: '各方向匹配度',
    chartCaption: '匹配度从 0 到 1，由高到低排列。',
    notMeasured: '未测出',
    badgeBest: '最适合',
    badgeTie: '难分高下',
    levelHeading: '水平',
    level_entry: '入门（学习路径上的 0 到 6 个月）',
    level_advanced: '进阶（学习路径上的 6 到 18 个月）',
    level_professional: '专业（学习路径上的 18 到 36 个月）',
    level_expert: '专家（学习路径上的 36 个月以上）',
    levelNoneAnswered: '未测出（一道题也没有回答）',
    levelNoneAsked: '未测出（没有出现知识题）',
    levelNote: '这是根据知识题得出的参考，不是成绩。',
    counts: '已回答 {answered} 题，跳过 {skipped} 题。',
    driversWhy: '为什么是{name}：影响最大的几个回答',
    driversMoved: '对{name}影响最大的几个回答',
    answered: '回答：{answer}',
    effect: '{name}匹配度 {effect}',
    listSemicolon: '；',
    skippedAnswer: '跳过',
    likert_1: '非常不同意',
    likert_2: '不同意',
    likert_3: '说不清',
    likert_4: '同意',
    likert_5: '非常同意',
    likertAnswer: '{value}（{word}）',
    about: '关于{name}',
    suits: '适合什么样的人',
    skills: '先练这些技能',
    steps: '起步三件事',
    stepProject: '项目：',
    stepTool: '工具：',
    stepRead: '阅读：',
    learnNext: '接下来学什么',
    learnNone: '标注了知识点的题都答对了：接着练上面列出的技能吧。',
    copyLink: '复制指向这份结果的链接',
    linkCopied: '链接已复制。链接里包含整份结果，包括姓名和全部回答：只分享给你愿意把文件交给的人。',
    linkTooLong: '这份结果太大，无法放进链接。',
    linkLocal: '只有通过 https 访问的页面才能生成指向这份结果的链接：本页是作为本地文件打开的，没有可以分享的地址。',
    tooLarge: '{file} 有 {size} MiB，比任何结果都大（最多 16 MiB），没有读取。',
    unreadable: '无法读取 {file}：{why}',
    badFragment: '链接中 #r= 之后的部分不是 base64url 编码的结果：{why}',
    crashed: '检查因错误而中止：{why}',
    sayVerified: { other: '由密钥 {id} 签名，它是本页信任的密钥之一；测评 {quiz}，最适合的方向是{top}；分数与按这 {n} 个回答算出的一致。' },
    sayPartly: '签名完好，由密钥 {id} 签名，它是本页信任的密钥之一；测评 {quiz}，最适合的方向是{top}；分数只部分重新计算过：本页有这个测评的题库，但没有它的清单，所以是按结果自己记录的参数计分的，这些参数无法核对。',
    sayNoBanks: '签名完好，由密钥 {id} 签名，它是本页信任的密钥之一；测评 {quiz}，最适合的方向是{top}。本页没有测评 {quiz}，所以没有重新计算分数。',
    sayUntrusted: '签名完好：内容自密钥 {id} 签名以来没有被改动，但这个密钥不在本页信任之列，所以无从得知签名者是谁；测评 {quiz}，最适合的方向是{top}。',
    sayUnsigned: '未签名：这份结果没有签名，任何人都可能写出它。',
    sayNotChecked: '这个浏览器在这里无法检查 Ed25519 签名，因此对这个文件不下任何结论。',
    sayMisnamedSigner: '结果写错了签名者：{why}。',
    sayMalformed: '这个文件不是格式正确的结果：{why}。',
    sayUnknownKey: '由密钥 {id} 签名，它不在本页信任之列，结果也没有写明它是签名者，因此这里无法检查签名。',
    sayLegacy: '由密钥 {id} 以 minisign 的旧模式签名，signpost 不接受这种签名。',
    sayAltered: '签名后被改动过：内容与密钥 {id} 的签名不再相符。',
    sayCommentAltered: '可信注释在签名后被改动过：它与自己的签名不再相符（密钥 {id}）。',
    sayNotAResult: '不是已签名的 signpost 结果：{why}。',
    sayCommentMismatch: '可信注释与结果不一致：{why}。',
    sayQuizMismatch: '结果写错了作答时所用的测评：{why}。',
    sayReplayMismatch: '分数与按回答算出的不一致：{why}。',
    whyScore: '{name}的{field}记录为 {recorded}，但按回答算出的是 {derived}',
    field_interest: '兴趣',
    field_aptitude: '能力',
    field_fit: '匹配度',
    field_se: '标准误',
    field_gap_se: '差距的标准误',
    noDirection: '无',
    when: '{date} {time} UTC',
  },
};

// "zh" when the browser's first language that the page has is Chinese (zh, zh-CN, zh-Hant…),
// else "en". languages is navigator.languages (or [navigator.language]).
export function pickLanguage(languages) {
  for (const tag of languages || []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base === 'zh') return 'zh';
    if (base === 'en') return 'en';
  }
  return 'en';
}

// The string of key in lang with {name} placeholders filled from vars; for a counted string,
// vars.n picks the form. An unknown key gives the key itself, so that a slip shows on the page
// rather than an empty line (and the test of the tables fails).
export function t(lang, key, vars = {}) {
  const table = STRINGS[lang] || STRINGS.en;
  let s = key in table ? table[key] : STRINGS.en[key];
  if (s === undefined) return key;
  if (typeof s === 'object') s = (vars.n === 1 && s.one) || s.other;
  return s.replace(/\{([a-zA-Z]+)\}/g, (m, name, at) => {
    if (!(name in vars)) return m;
    const v = String(vars[name]);
    // Chinese sets a space between Han and Latin letters or digits: "应用开发与 Agent 难分高下",
    // where a value that ends (or starts) in Latin meets Han text of the template.
    if (lang !== 'zh' || !v) return v;
    const before = s[at - 1] ?? '', after = s[at + m.length] ?? '';
    const lead = HAN.test(before) && LATIN.test(v[0]) ? ' ' : '';
    const tail = LATIN.test(v[v.length - 1]) && HAN.test(after) ? ' ' : '';
    return lead + v + tail;
  });
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/; // as engine/cli/wrap.c is_han
const LATIN = /[A-Za-z0-9]/;

// The text of a TEXT object ({"en": …, "zh": …}, or {"": …} for a language-neutral one) in
// lang: that language, else the neutral text, else English, else any; "" when it is empty.
// As show does, a quiz without the language is shown in its English.
export function textOf(text, lang) {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  if (typeof text !== 'object') return '';
  for (const k of [lang, '', 'en']) if (typeof text[k] === 'string') return text[k];
  for (const k of Object.keys(text)) if (typeof text[k] === 'string') return text[k];
  return '';
}

// A message that comes as {en, zh} from the core, or a plain string.
export function pickMessage(msg, lang) {
  if (msg == null) return '';
  if (typeof msg === 'string') return msg;
  return msg[lang] ?? msg.en ?? '';
}

// "A", "A and B", "A, B and C" (Chinese: "A、B和C", with "Agent 和推理部署" spaced as t does).
export function joinNames(lang, names) {
  if (names.length <= 1) return names.join('');
  const parts = [];
  names.forEach((name, i) => {
    if (i) parts.push(t(lang, i === names.length - 1 ? 'listAnd' : 'listComma'));
    parts.push(name);
  });
  return parts.reduce((s, part) => s + (lang === 'zh' && touches(s, part) ? ' ' : '') + part);
}

// True when a ends in Han and b starts with a Latin letter or digit, or the other way round.
function touches(a, b) {
  const last = a[a.length - 1] ?? '', first = b[0] ?? '';
  return (HAN.test(last) && LATIN.test(first)) || (LATIN.test(last) && HAN.test(first));
}
