/**
 * The explorer's shell: header with navigation and the search box, and the current view, read
 * from the URL hash. Each view is its own chunk, loaded when first visited, so the first page
 * (search) carries neither the graph nor the chart library.
 */
import { render, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './style.css';
import { TokenField } from './components/TokenField';
import { formatRoute, parseRoute, type Route, type ViewName } from './router';

export interface ViewProps {
  route: Route;
  /** Replace the current URL's parameters (history entry replaced, not pushed). */
  setParams: (params: Record<string, string>, push?: boolean) => void;
}

const loaders: Record<ViewName, () => Promise<{ default: ComponentType<ViewProps> }>> = {
  search: () => import('./search/SearchView'),
  entity: () => import('./entity/EntityView'),
  source: () => import('./source-reader/SourceReaderView'),
  graph: () => import('./graph/GraphView'),
  paths: () => import('./paths/PathsView'),
  compare: () => import('./compare/CompareView'),
  dashboard: () => import('./dashboard/DashboardView'),
};
const loaded = new Map<ViewName, ComponentType<ViewProps>>();

const NAV: Array<[ViewName, string]> = [
  ['search', 'Search'],
  ['graph', 'Graph'],
  ['paths', 'Paths'],
  ['compare', 'Compare'],
  ['dashboard', 'Dashboard'],
];

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function App() {
  const route = useRoute();
  const [View, setView] = useState<ComponentType<ViewProps> | null>(() => loaded.get(route.view) ?? null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const ready = loaded.get(route.view);
    if (ready) {
      setView(() => ready);
      return;
    }
    let current = true;
    loaders[route.view]().then(
      (module) => {
        loaded.set(route.view, module.default);
        if (current) setView(() => module.default);
      },
      (error: Error) => current && setFailed(error.message),
    );
    return () => {
      current = false;
    };
  }, [route.view]);

  useEffect(() => {
    // A new view or entity starts at the top of the page (the source reader then scrolls to its excerpt).
    window.scrollTo(0, 0);
  }, [route.view, route.slug]);

  const setParams = (params: Record<string, string>, push = false) => {
    const hash = formatRoute({ ...route, params });
    if (hash === location.hash) return;
    if (push) location.hash = hash;
    else {
      history.replaceState(null, '', hash);
      dispatchEvent(new HashChangeEvent('hashchange'));
    }
  };

  const active = route.view === 'entity' || route.view === 'source' ? 'search' : route.view;
  return (
    <>
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <a class="brand" href="#/search">
          Cyber diplomacy explorer
        </a>
        <nav aria-label="Views">
          {NAV.map(([view, label]) => (
            <a key={view} href={`#/${view}`} aria-current={active === view ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <TokenField />
      </header>
      <main id="main" tabIndex={-1}>
        {failed ? (
          <p class="error" role="alert">
            This view could not be loaded: {failed}
          </p>
        ) : View && loaded.get(route.view) === View ? (
          <View route={route} setParams={setParams} />
        ) : (
          <p class="loading" role="status">
            Loading…
          </p>
        )}
      </main>
      <footer class="foot">
        Every relationship carries its source and a verbatim excerpt. Data through the public{' '}
        <a href="/graphql">GraphQL API</a>.
      </footer>
    </>
  );
}

const root = document.getElementById('app')!;
root.textContent = '';
render(<App />, root);
