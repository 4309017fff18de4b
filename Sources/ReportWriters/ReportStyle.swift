/// The inline CSS and JavaScript of report.html.
enum ReportStyle {
    static let css = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#1d1d1f;background:#fafafa}
        h1{font-size:1.6em;margin:0 0 .5em}h2{font-size:1.2em;margin:1.6em 0 .4em}
        table{border-collapse:collapse;background:#fff}th,td{border:1px solid #d0d0d5;padding:4px 6px;text-align:left;vertical-align:top}
        table.fields th{background:#f0f0f3;font-weight:600}
        table.sortable th{background:#e8e8ee;cursor:pointer;user-select:none;position:sticky;top:0;vertical-align:bottom}
        th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.response [data-key=response]{font-weight:600}.confidence{color:#555;font-size:.9em;white-space:nowrap}
        tr.low td{background:#fff6e0}td.panel{width:210px}td.dates{white-space:nowrap}td img{width:210px;display:block;border:1px solid #888}.hint{color:#555;font-size:.9em}
        .wide{overflow-x:auto}ul.flags{margin:0;padding-left:1.1em;min-width:10em}ul.flags .why{color:#555;font-size:.88em}
        code{font-family:ui-monospace,monospace;font-size:.92em}
        table.failures td:last-child{font-family:ui-monospace,monospace;white-space:pre-wrap}
        table.glossary{margin-bottom:1em}
        svg.trend .plot{fill:#f6f6f9;stroke:#c8c8d0}svg.trend .line{fill:none;stroke:#0072b2;stroke-width:2}
        svg.trend{width:210px;height:auto}svg.trend .point{fill:#0072b2}svg.trend .axis{font-size:11px;fill:#444}
        @media print{
          @page{size:landscape;margin:12mm}
          body{background:#fff;margin:0;font-size:10pt}.hint{display:none}.wide{overflow:visible}
          td img{width:170px}td.panel{width:170px}svg.trend{width:170px;height:auto}tr{break-inside:avoid}table.sortable th{position:static}
          tr.low td{background:#fff6e0;-webkit-print-color-adjust:exact;print-color-adjust:exact}
          a{color:inherit;text-decoration:none}
        }
        """

    /// Sorts a table by the clicked column: numbers by `data-sort` (empty cells last), text by locale.
    static let script = """
        document.querySelectorAll('table.sortable th').forEach(function (th) {
          th.addEventListener('click', function () {
            var column = th.cellIndex, table = th.closest('table'), body = table.tBodies[0];
            var ascending = th.getAttribute('aria-sort') !== 'ascending';
            table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
            var numeric = th.dataset.type === 'number', sign = ascending ? 1 : -1;
            var key = function (row) {
              var cell = row.cells[column];
              return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
            };
            Array.from(body.rows).sort(function (a, b) {
              var x = key(a), y = key(b);
              if (!numeric) { return sign * x.localeCompare(y, undefined, {numeric: true}); }
              if (x === '' || y === '') { return (x === '') - (y === ''); }
              return sign * (parseFloat(x) - parseFloat(y));
            }).forEach(function (row) { body.appendChild(row); });
          });
        });
        """
}
