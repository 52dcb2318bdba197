<#ftl output_format="HTML" strip_whitespace=true>
<#-- a figure inline, with a link to the same figure as its own SVG file beside the report -->
<#macro figure f><#if f.svg?has_content><figure>${f.svg?no_esc}<figcaption><a href="${f.file}">${f.file}</a></figcaption></figure></#if></#macro>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>designspace report: <#list sweeps as s>${s.label}<#sep>, </#list></title>
<style>
  body { font-family: sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
  h1, h2, h3 { font-weight: 600; }
  table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
  th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
  th { background: #f3f3f3; }
  .plots { display: flex; flex-wrap: wrap; gap: 1em; }
  figure { margin: 0; }
  figcaption { font-size: 0.8em; color: #666; text-align: right; }
  .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.4em; vertical-align: -0.1em; }
  .summary li { margin: 0.3em 0; }
  pre { background: #f7f7f7; padding: 1em; overflow-x: auto; }
  .note { color: #666; font-size: 0.9em; }
  tr.differs td { font-weight: bold; background: #fff6e0; }
  .warning { color: #8a3b00; }
</style>
</head>
<body>
<h1>Design space comparison</h1>
<p class="note">Made by designspace from <#list sweeps as s>${s.directory}<#sep>, </#list>. Models, results and
this summary are in models.csv and sweeps.json beside this file, and each figure is also an SVG file of its own there.</p>

<h2>Summary</h2>
<ul class="summary">
<#list summary as line><li>${line}</li></#list>
</ul>

<h2>Training settings</h2>
<p class="note">What each sweep's models were trained with (options that only say where or how fast they ran are
left out); seed is the sampling seed, train seed the training's. <#if settings.differing?has_content>Marked
&ne;: the settings that differ between the sweeps (<#list settings.differing as d>${d}<#sep>, </#list>).<#elseif (settings.columns?size > 1)>The
sweeps share every setting.</#if></p>
<table class="settings">
<tr><th>setting</th><#list settings.columns as c><th><span class="swatch" style="background: ${settings.colours[c?index]}"></span>${c}</th></#list></tr>
<#list settings.rows as r>
<tr<#if r.differs> class="differs"</#if>><td><#if r.differs>&ne; </#if>${r.name}</td><#list r.values as v><td>${v}</td></#list></tr>
</#list>
</table>

<#if progression?has_content>
<h2>The paper's progression, step by step</h2>
<p class="note">Each step compares the space before it (A) with the restricted space after it (B) and sets the
verdict beside what the paper found. B is <i>better</i> when its error EDF lies above A's (more models below some
error level: the one-sided KS test) and nowhere significantly below it; <i>no worse</i> when the shift of its errors
(Hodges-Lehmann) is shown to stay below the margin; <i>as good as</i> when it is shown within the margin both ways;
<i>different</i> when each EDF lies above the other somewhere. Each one-sided test is at level 0.025, Holm-adjusted
over the steps (Bonferroni in a run until decided, whose verdicts show the intervals at their deciding look's level);
the intervals are 95%. The proxy column is the proxy check's verdict for A / B: a verdict on a
space whose proxy is not trusted is a verdict about short training.</p>
<table>
<tr><th>A</th><th>B</th><th>the paper finds</th><th>verdict: B is &hellip; A</th><th>here</th><th>models A / B</th><th>shift B &minus; A [interval]</th><th>P(B beats A) [interval]</th><th>good models B &minus; A, points [interval]</th><th>KS p: B above / A above</th><th>margin</th><th>margin p: no worse / no better</th><th>proxy A / B</th></tr>
<#list progression as p>
<tr><td>${p.from}</td><td>${p.to}</td><td>${p.claim}</td><td>${p.verdict}</td><td>${p.agreement}<#if p.toDecide?has_content>: ${p.toDecide}</#if></td><td>${p.models}</td><td>${p.shift}</td><td>${p.superiority}</td><td>${p.good}</td><td>${p.pBetter} / ${p.pWorse}</td><td>${p.margin}</td><td>${p.pNoWorse} / ${p.pNoBetter}</td><td>${p.proxy}</td></tr>
</#list>
</table>
</#if>

<h2>Error EDFs</h2>
<p class="note">F(e) = fraction of models with error below e. With n models the true EDF lies within the DKW band
&plusmn;&epsilon; (95%) of the one drawn, shaded around each curve; &epsilon; is listed per sweep. The legend gives
n, the minimum and the mean error. Random search efficiency: the expected best error of m models drawn at random,
shaded from its 25th to its 75th percentile. The normalised EDF weighs the models of every space over one shared
complexity range and its bins, so that each bin carries the same weight in each space ("On Network Design Spaces");
models outside the range are left out and counted in the legend. Each space keeps its colour in every figure; the
EDFs, with their weights, are in edfs.json beside this file.</p>
<div class="plots">
<@figure edf/>
<@figure normalisedEdf/>
<@figure efficiency/>
</div>
<#if trends?has_content>
<h3>Trends across sweeps of one space</h3>
<p class="note">Where the sweeps of one space differ in one numeric setting alone: the median error of each sweep
against that setting, shaded from its 10th to its 90th percentile; hover a point for its numbers.</p>
<div class="plots">
<#list trends as t><@figure t/></#list>
</div>
</#if>

<table>
<tr><th>sweep</th><th>description</th><th>recipe</th><th>models</th><th>done</th><th>failed</th><th>diverged</th><th>min</th><th>10th pct</th><th>median</th><th>mean</th><th>DKW &epsilon;</th></tr>
<#list sweeps as s>
<tr><td><span class="swatch" style="background: ${s.colour}"></span>${s.label}</td><td>${s.description}</td><td>${s.recipes}</td><td>${s.total}</td><td>${s.done}</td><td>${s.failed}</td><td>${s.diverged}</td>
<td>${s.min!"-"}</td><td>${s.p10!"-"}</td><td>${s.median!"-"}</td><td>${s.mean!"-"}</td><td>${s.dkw!"-"}</td></tr>
</#list>
</table>

<#if comparisons?has_content>
<h2>Is one space better?</h2>
<p class="note">Each row compares B (the later sweep) with A. B is <i>better</i> when its error EDF lies above A's
(one-sided KS, level 0.025 each way) and nowhere significantly below it, <i>different</i> when each lies above the
other somewhere, <i>as good as</i> / <i>no worse</i> / <i>no better</i> when the shift of the error distribution is
shown within the margin (both ways / from above / from below), and <i>undecided</i> otherwise, with the models per
space that would likely decide it. Intervals are 95%; a verdict a run until decided reached at one of its looks
shows the intervals at that look's level, as its note in brackets says. "At equal complexity" repeats the dominance tests on the
normalised EDFs (permutation p-values); where it differs from the raw verdict, complexity explains the difference.
The two-sided KS and Mann-Whitney tests are listed too.</p>
<table>
<tr><th>A</th><th>B</th><th>verdict: B is &hellip; A</th><th>models A / B</th><th>shift B &minus; A [interval]</th><th>P(B beats A) [interval]</th><th>good models B &minus; A, points [interval]</th><th>KS p: B above / A above</th><th>margin</th><th>margin p: no worse / no better</th><th>at equal complexity</th><th>two-sided KS D, p</th><th>MW p</th><th>median A &minus; B</th></tr>
<#list comparisons as c>
<tr><td>${c.a}</td><td>${c.b}</td><td>${c.verdict}<#if c.toDecide?has_content>: ${c.toDecide}</#if></td><td>${c.models}</td><td>${c.shift}</td><td>${c.superiority}</td><td>${c.good}</td><td>${c.pBetter} / ${c.pWorse}</td><td>${c.margin}</td><td>${c.pNoWorse} / ${c.pNoBetter}</td><td>${c.normalised}</td><td>${c.ks}, ${c.ksP}</td><td>${c.mwP}</td><td>${c.medianDiff}</td></tr>
</#list>
</table>
</#if>

<#list sweeps as s>
<h2><span class="swatch" style="background: ${s.colour}"></span>${s.label}</h2>
<p>${s.description}</p>
<#if s.blownUp?has_content>
<h3>Models that blew up</h3>
<p class="warning">${s.blownUp?size} of ${s.total} models blew up early in training: their training loss rose above twice
its first step's. Such a model's error may say more about the training recipe than about its architecture; the
models and their errors: <#list s.blownUp as id>${id}<#sep>, </#list>.</p>
</#if>
<#if s.proxyCheck??>
<h3>Can the proxy be trusted?</h3>
<p>${s.proxyCheck.sentence}</p>
<table>
<tr><th>models trained both ways</th><th>proxy epochs</th><th>longer epochs</th><th>Spearman [95% bootstrap]</th><th>Kendall tau-b [95% bootstrap]</th><th>verdict</th></tr>
<tr><td>${s.proxyCheck.models}</td><td>${s.proxyCheck.proxyEpochs}</td><td>${s.proxyCheck.longEpochs}</td><td>${s.proxyCheck.spearman}</td><td>${s.proxyCheck.kendall}</td><td>${s.proxyCheck.verdict}</td></tr>
</table>
<div class="plots"><@figure s.proxyCheck.plot/></div>
</#if>
<h3>Best models</h3>
<p class="note">Each error is the model's best epoch's, the value its EDF uses; where that was not its last epoch, the
epoch is named. <code>designspace export</code> writes the best epoch's weights unless told otherwise.</p>
<table>
<tr><th>#</th><th>model</th><th>error (%)</th><th>flops</th><th>params</th><th>acts</th><th>depths</th><th>widths</th><th>group widths</th><th>b</th><th>source</th></tr>
<#list s.best as m>
<tr><td>${m.rank}</td><td>${m.id}</td><td>${m.error}<#if m.epoch?has_content> <span class="note">(${m.epoch})</span></#if></td><td>${m.flops}</td><td>${m.params}</td><td>${m.acts}</td>
<td>${m.depths}</td><td>${m.widths}</td><td>${m.groupWidths}</td><td>${m.bottleneckRatios}</td>
<td><#if m.source?has_content><a href="${m.source}">java</a></#if></td></tr>
</#list>
</table>
<#if s.plots.scatters??>
<h3>Error against complexity and parameters</h3>
<p class="note">The shaded band is the bootstrap good range of the quantity (2.5th to 97.5th percentile of the best
model's value in random quarters of the models), the dashed line its median. e_fit (AnyNet): how far the model's widths
are from the nearest RegNet's (paper Figure 8).</p>
<div class="plots">
<#list s.plots.scatters as f><@figure f/></#list>
</div>
<h3>Complexity</h3>
<p>${s.plots.actsFit}; ${s.plots.paramsFit}</p>
<div class="plots">
<@figure s.plots.complexity/>
<@figure s.plots.profiles/>
</div>
</#if>
<#if s.reruns??>
<h3>Training noise</h3>
<p>${s.noise}. Beside the EDF above, differences of this size between two models say nothing about their
architectures.</p>
<table>
<tr><th>model</th><th>error (%)</th><th>trained again (%)</th><th>difference (points)</th></tr>
<#list s.reruns as r><tr><td>${r.id}</td><td>${r.error}</td><td>${r.rerun}</td><td>${r.difference}</td></tr>
</#list>
</table>
</#if>
<#if s.curves?has_content>
<h3>Training curves</h3>
<p class="note">Test error and training loss after each epoch of the best models (solid) and the worst (dashed)
that trained to the end.</p>
<div class="plots">
<#list s.curves as f><@figure f/></#list>
</div>
</#if>
<#if s.runtime??>
<h3>Inference time</h3>
<p class="note">Each trained model's forward pass of 64 test images, on the device and threads it trained with: the
median of 10 timed passes after 3 untimed ones. The paper finds runtime follows activations as well as flops; the
fits say how much of the time each explains here (R^2 in log-log space).</p>
<p>${s.runtimeFit}</p>
<div class="plots">
<#list s.runtime as f><@figure f/></#list>
</div>
</#if>
<h3>Spec</h3>
<pre>${s.spec}</pre>
</#list>
</body>
</html>
