import { loadRealServices } from "../tests/support/real-services.js";
const { answers } = await loadRealServices();
for (const q of process.argv.slice(2)) {
  const found = await answers.retrieve({ question: q });
  const a = await answers.ask({ question: q });
  console.log(JSON.stringify({ q: found.question, lang: found.language, kind: found.analysis.kind, fact: found.analysis.fact, ov: found.analysis.overview, decision: found.decision, share: found.scope.unknownShare.toFixed(2), absent: found.scope.absent, outcome: a.outcome, ans: a.answer.slice(0, 120) }));
}
process.exit(0);
