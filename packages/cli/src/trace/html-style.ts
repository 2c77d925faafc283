/** The viewer's stylesheet, inlined into the page. */
export const HTML_STYLE = `
:root { --allow:#1a7f37; --deny:#cf222e; --approve:#bf8700; --ink:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif; color:var(--ink); background:#fff; }
header { padding:14px 20px; background:#24292f; color:#fff; }
header h1 { margin:0 0 4px; font-size:17px; font-weight:600; word-break:break-all; }
header .summary { color:#d0d7de; font-size:13px; }
header .summary b { color:#fff; }
.controls { display:flex; gap:16px; align-items:center; padding:10px 20px; border-bottom:1px solid var(--line); background:var(--bg); flex-wrap:wrap; }
.controls label { font-size:13px; color:var(--muted); }
.controls select { margin-left:6px; font:inherit; padding:2px 6px; }
#shown-count { margin-left:auto; font-size:13px; color:var(--muted); }
main { display:grid; grid-template-columns:minmax(0,1fr) 420px; min-height:calc(100vh - 110px); }
#timeline { border-right:1px solid var(--line); }
.run-head { padding:8px 20px; font-weight:600; background:#eef1f4; border-bottom:1px solid var(--line); font-size:13px; }
.hop { display:grid; grid-template-columns:70px 130px minmax(0,1fr) 80px 180px; gap:10px; align-items:center; padding:5px 20px; border-bottom:1px solid #eaeef2; cursor:pointer; }
.hop[hidden], .run-head[hidden] { display:none; }
.hop:hover { background:#f3f6f9; }
.hop.selected { background:#ddf4ff; }
.hop .time { color:var(--muted); font-variant-numeric:tabular-nums; font-size:12px; text-align:right; }
.hop .agent { font-size:12px; white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.hop .agent::before { content:""; display:inline-block; width:8px; height:8px; border-radius:50%; margin-right:6px; background:var(--lane,#8c959f); }
.hop .what { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.hop .kind { color:var(--muted); font-size:12px; margin-right:6px; }
.hop .title { font-weight:600; }
.hop .approval { font-size:11px; font-weight:600; margin-left:8px; padding:1px 6px; border-radius:8px; border:1px solid var(--approve); color:var(--approve); }
.hop .approval.rejected { border-color:var(--deny); color:var(--deny); }
.hop .rules { color:var(--muted); font-size:12px; margin-left:8px; }
.badge { display:inline-block; min-width:64px; text-align:center; font-size:11px; font-weight:700; letter-spacing:.04em; padding:2px 6px; border-radius:10px; color:#fff; background:#8c959f; }
.badge.allow { background:var(--allow); } .badge.deny { background:var(--deny); } .badge.approve { background:var(--approve); }
.badge.none { background:transparent; }
.bar-track { position:relative; height:10px; background:#eef1f4; border-radius:5px; }
.bar { position:absolute; top:0; height:10px; min-width:3px; border-radius:5px; background:#8c959f; }
.bar.allow { background:var(--allow); } .bar.deny { background:var(--deny); } .bar.approve { background:var(--approve); }
aside { padding:14px 18px; background:#fbfcfd; position:sticky; top:0; align-self:start; max-height:100vh; overflow:auto; }
aside h2 { margin:0 0 8px; font-size:14px; }
aside .hint { color:var(--muted); font-size:13px; }
#details-reason { margin:0 0 8px; font-size:13px; }
#details-json { margin:0; padding:10px; background:#fff; border:1px solid var(--line); border-radius:6px; font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace; white-space:pre-wrap; word-break:break-all; }
#details-json:empty { display:none; }
.empty { padding:20px; color:var(--muted); }
`;
