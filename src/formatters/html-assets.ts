/**
 * The HTML report's inline style and script: static text, no data from findings (the page holds
 * that in escaped markup), so nothing here can carry a value. The script only shows and hides rows.
 */

export const HTML_STYLE = `
:root { --fg: #1d2433; --muted: #5d6b82; --line: #dde3ec; --bg: #f6f8fb; --card: #fff;
  --static: #b42318; --static-bg: #fef3f2; --short: #a15c07; --short-bg: #fffaeb; --expired: #475467; --expired-bg: #f2f4f7; --link: #1f5fbf; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.headline { font-size: 22px; font-weight: 650; margin: 4px 0; }
.muted { color: var(--muted); font-size: 12.5px; }
code { font: 12.5px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
a { color: var(--link); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-top: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; border-top: 4px solid #98a2b3; }
.card.static { border-top-color: var(--static); } .card.short-lived { border-top-color: var(--short); } .card.expired { border-top-color: var(--expired); }
.card.zero { opacity: .6; }
.card .value { font-size: 28px; font-weight: 700; line-height: 1.1; }
.card .label { font-weight: 600; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.badge.static { color: var(--static); background: var(--static-bg); } .badge.short-lived { color: var(--short); background: var(--short-bg); } .badge.expired { color: var(--expired); background: var(--expired-bg); }
.sev { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.sev.error { color: var(--static); } .sev.warning { color: var(--short); } .sev.note { color: var(--expired); }
.checklist { list-style: none; padding: 0; margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
.checklist li { padding: 6px 14px; border-bottom: 1px solid var(--line); border-left: 4px solid transparent; display: flex; flex-wrap: wrap; align-items: center; gap: 2px 12px; }
.checklist li:last-child { border-bottom: 0; }
.checklist li.static { border-left-color: var(--static); } .checklist li.short-lived { border-left-color: var(--short); } .checklist li.expired { border-left-color: var(--expired); }
.checklist li:has(input:checked) { opacity: .55; } .checklist li:has(input:checked) .preview { text-decoration: line-through; }
.checklist label { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; cursor: pointer; }
.rank { font-weight: 700; color: var(--muted); min-width: 1.6em; text-align: right; }
.preview { font-weight: 700; background: var(--bg); padding: 1px 5px; border-radius: 4px; }
.what { color: var(--fg); font-size: 13px; }
h3 { font-size: 14.5px; margin: 18px 0 2px; display: flex; gap: 8px; align-items: baseline; }
h3.static { color: var(--static); } h3.short-lived { color: var(--short); } h3.expired { color: var(--expired); }
h3 .count { margin-left: 0; }
.fix { font-size: 13px; margin: 0 0 8px; }
.filters { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: flex-end; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; position: sticky; top: 0; z-index: 1; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 10px; align-items: center; }
.filters legend { float: left; font-weight: 600; margin-right: 6px; }
.filters label { white-space: nowrap; }
.filters input[type=search] { width: 280px; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.filters select, .filters button { font: inherit; padding: 3px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.group { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; }
.group > summary { padding: 8px 14px; cursor: pointer; font-weight: 600; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.count { margin-left: auto; color: var(--muted); font-weight: 400; font-size: 12.5px; }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th:nth-child(1) { width: 88px; } th:nth-child(2) { width: 180px; } th:nth-child(3) { width: 200px; } th:nth-child(5) { width: 19%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-top: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fafbfd; }
.path code { color: var(--muted); }
.clean { font-size: 18px; color: #067647; }
.unread { font-size: 18px; color: #b42318; }
[hidden] { display: none !important; }
@media print {
  body { background: #fff; font-size: 11px; }
  header, main { max-width: none; padding: 0; }
  .filters, #shown, .show-secret, input[type=checkbox] { display: none !important; }
  .card, .group, .checklist { border-color: #999; break-inside: avoid; }
  .checklist li, tr { break-inside: avoid; }
  .group > summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
}
`;

export const HTML_SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  var q = document.getElementById('q'), rule = document.getElementById('rule'), shown = document.getElementById('shown');
  function values(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (i) { return i.value; });
  }
  function apply() {
    var view = (form.querySelector('input[name="view"]:checked') || { value: 'secret' }).value;
    var severities = values('severity'), urgencies = values('urgency'), wanted = rule.value, text = q.value.trim().toLowerCase();
    var total = 0, visible = 0;
    document.querySelectorAll('.view').forEach(function (v) {
      var active = v.getAttribute('data-view') === view;
      v.hidden = !active;
      v.querySelectorAll('details.group').forEach(function (group) {
        var any = false;
        group.querySelectorAll('tbody tr').forEach(function (tr) {
          var d = tr.dataset;
          var ok = severities.indexOf(d.severity) >= 0 && (!d.urgency || urgencies.indexOf(d.urgency) >= 0) &&
            (!wanted || d.rule === wanted) && (!text || d.text.indexOf(text) >= 0);
          tr.hidden = !ok;
          if (ok) any = true;
          // (a row stands for its finding and the repeats it names: data-count)
          if (active) { var n = +d.count || 1; total += n; if (ok) visible += n; }
        });
        group.hidden = !any;
      });
    });
    shown.textContent = 'Showing ' + visible + ' of ' + total + ' findings';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  document.getElementById('clear-filters').addEventListener('click', function () { form.reset(); apply(); });
  document.querySelectorAll('a.show-secret').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      form.reset();
      q.value = a.getAttribute('data-secret');
      apply();
      document.getElementById('findings').scrollIntoView();
    });
  });
  apply();
})();
`;
