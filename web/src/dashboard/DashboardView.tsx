/** Dashboard: the graph in figures, each chart with its query and its data. */
import { ChartFrame } from '../components/ChartFrame';
import { useTitle } from '../components/common';
import type { ViewProps } from '../main';
import { CHARTS } from './charts';

export default function DashboardView(_: ViewProps) {
  useTitle('Dashboard');
  return (
    <div class="view dashboard-view">
      <h1>Dashboard</h1>
      <p class="hint">Every chart shows the GraphQL operation that feeds it; copy it into your own dashboard tool, or download the data as CSV.</p>
      <nav class="toc" aria-label="Charts">
        {CHARTS.map((c) => (
          <button type="button" class="linklike" key={c.id} onClick={() => document.getElementById(c.id)?.scrollIntoView()}>
            {c.title}
          </button>
        ))}
      </nav>
      <div class="charts">
        {CHARTS.map((spec) => (
          <ChartFrame key={spec.id} spec={spec} />
        ))}
      </div>
    </div>
  );
}
