/// The page's style, on screen and printed on A4. Each status has one
/// colour, the same in the timelines, the cash flow and the legends; the
/// penalties' paying parties and the scores have colours of their own.
extension HTMLReport {
    static let style = """
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif; margin: 2em; color: #222; }
    h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
    .meta { color: #666; margin-top: 0; } figure { margin: 1em 0 .4em; } figcaption { font-weight: bold; margin-bottom: .3em; }
    svg { width: 100%; height: auto; } table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .85em; }
    th, td { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
    td.num, td.day, .day { text-align: right; white-space: nowrap; } td.day { text-align: left; }
    table.summary th { background: #f4f4f4; font-weight: normal; white-space: nowrap; } table.summary td.num { font-weight: bold; }
    table.summary tr.overdue td.num { color: #c0392b; } .note { color: #666; font-size: .85em; }
    .term, .key.term { fill: #cfd8e3; background: #cfd8e3; } .window, .key.window { fill: #f3d9a4; background: #f3d9a4; }
    .guarantee, .key.guarantee { fill: #b9d7b0; background: #b9d7b0; }
    .guarantee.planned, .key.guarantee.planned { fill: none; background: none; stroke: #6a9f5f; stroke-dasharray: 4 2; border: 1px dashed #6a9f5f; }
    .due.paid, .bar.paid, .key.paid { fill: #2e8b57; background: #2e8b57; } .due.open, .bar.open, .key.open { fill: #1f6fb2; background: #1f6fb2; }
    .due.overdue, .bar.overdue, .key.overdue { fill: #c0392b; background: #c0392b; }
    .due.conditional, .bar.conditional, .key.conditional { fill: #ffffff; stroke: #888; stroke-dasharray: 3 2; background: #fff; border: 1px dashed #888; }
    .key.due { border-radius: 50%; }
    .notice, .key.notice { fill: #8e44ad; background: #8e44ad; } .key.notice { transform: rotate(45deg) scale(.8); }
    .today { stroke: #e67e22; stroke-width: 2; } .key.today { background: #e67e22; width: 3px; border: none; }
    .tick { stroke: #bbb; } .tick.year { stroke: #777; } .grid { stroke: #eee; }
    .threshold { stroke: #c0392b; stroke-dasharray: 6 3; } .key.threshold { height: 0; border: none; border-top: 2px dashed #c0392b; background: none; }
    .score.pass, .key.score.pass { fill: #5b7fa6; background: #5b7fa6; } .score.fail, .key.score.fail { fill: #d4a017; background: #d4a017; }
    .payer.buyer, .key.payer.buyer { fill: #7d5ba6; background: #7d5ba6; } .payer.supplier, .key.payer.supplier { fill: #a0522d; background: #a0522d; }
    .axis { font-size: 11px; fill: #555; text-anchor: middle; } .axis.year { font-weight: bold; fill: #222; } .axis.empty { fill: #aaa; }
    .label { font-size: 11px; fill: #333; text-anchor: end; } .value { font-size: 11px; fill: #333; }
    .legend { font-size: .9em; } .legend .item { white-space: nowrap; display: inline-block; margin-right: 1em; }
    .key { display: inline-block; width: .9em; height: .9em; margin: 0 .35em 0 0; vertical-align: middle; border: 1px solid #888; box-sizing: border-box; }
    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    @page { size: A4; margin: 12mm; }
    @media print {
      body { margin: 0; font-size: 10pt; } h2 { break-after: avoid-page; margin-top: 1em; }
      .keep, figure, tr, table.summary { break-inside: avoid-page; } thead { display: table-header-group; }
    }
    """
}
