import { GraphiQL } from 'graphiql';
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { getOperationAST, parse } from 'graphql';
import type { Fetcher } from '@graphiql/toolkit';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { downloadCsv, downloadJson } from './download';
import { savedQueries } from './library';
import { findLists, type Json } from './table';

/** What the gateway writes into the page: where to send operations and what to show first. */
interface ExplorerConfig {
  endpoint: string;
  defaultQuery: string;
  defaultVariables: Record<string, unknown>;
}

const config = JSON.parse(document.getElementById('explorer-config')?.textContent ?? '{}') as ExplorerConfig;
const endpoint = config.endpoint ?? '/graphql';
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'vi';
const t = (vi: string, en: string) => (lang === 'en' ? en : vi);

/** The last answer to an operation the user ran (schema introspection aside), for the download buttons. */
let lastResult: { operationName: string; value: Json } | null = null;
const listeners = new Set<() => void>();
const resultStore = {
  subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)),
  get: () => lastResult,
};

// Headers typed in the headers editor (an API key, say) go with each request; empty ones (the template's) are left out.
const fetcher: Fetcher = async (params, options) => {
  const typed = Object.entries((options?.headers ?? {}) as Record<string, unknown>).filter(([, value]) => typeof value === 'string' && value !== '');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...Object.fromEntries(typed) },
    body: JSON.stringify(params),
  });
  const value = (await response.json()) as Json;
  if (params.operationName !== 'IntrospectionQuery') {
    lastResult = { operationName: params.operationName || 'result', value };
    listeners.forEach((listener) => listener());
  }
  return value as Record<string, unknown>;
};

function SavedQueries() {
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const { setOperationName } = useGraphiQLActions();
  return (
    <div className="saved-queries">
      <div className="graphiql-doc-explorer-title">{t('Truy vấn mẫu', 'Saved queries')}</div>
      <p>{t('Bấm để mở truy vấn, rồi bấm ▶ để chạy.', 'Click to load a query, then ▶ to run it.')}</p>
      <ul>
        {savedQueries.map((saved) => (
          <li key={saved.name}>
            <button
              type="button"
              data-saved-query={saved.name}
              // Until Monaco's editors exist there is nothing to load the query into.
              disabled={!queryEditor || !variableEditor}
              onClick={() => {
                queryEditor?.setValue(saved.query);
                variableEditor?.setValue(JSON.stringify(saved.variables, null, 2));
                // GraphiQL learns the operation's name from the editor after a pause; ▶ pressed sooner would send the old name.
                const name = getOperationAST(parse(saved.query))?.name?.value;
                if (name) setOperationName(name);
              }}
            >
              <b>{lang === 'en' ? saved.titleEn : saved.titleVi}</b>
              <span>{lang === 'en' ? saved.titleVi : saved.titleEn}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const savedQueriesPlugin: GraphiQLPlugin = {
  title: t('Truy vấn mẫu', 'Saved queries'),
  icon: () => <span className="saved-icon" aria-hidden="true">★</span>,
  content: SavedQueries,
};

/** Under the result: download any list it holds as CSV (dotted columns) or the whole answer as JSON. */
function Downloads() {
  const result = useSyncExternalStore(resultStore.subscribe, resultStore.get);
  const data = result && typeof result.value === 'object' && result.value && !Array.isArray(result.value) ? (result.value.data ?? null) : null;
  const lists = data ? findLists(data).filter((list) => list.rows.length > 0) : [];
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    // The longest list by default: usually the one a journalist wants as rows.
    const longest = lists.reduce<(typeof lists)[number] | undefined>((best, list) => (!best || list.rows.length > best.rows.length ? list : best), undefined);
    setChosen(longest?.path ?? '');
  }, [result]);
  if (!result) return <div className="downloads muted">{t('Chạy một truy vấn để tải kết quả về.', 'Run a query to download its result.')}</div>;
  const list = lists.find((candidate) => candidate.path === chosen);
  const baseName = `${result.operationName}${list ? `-${list.path}` : ''}`.replace(/[^\w.-]+/g, '_');
  return (
    <div className="downloads">
      {lists.length > 0 ? (
        <>
          <label>
            {t('Danh sách', 'List')}{' '}
            <select value={chosen} onChange={(event) => setChosen(event.target.value)} data-testid="download-list">
              {lists.map((candidate) => (
                <option key={candidate.path} value={candidate.path}>
                  {candidate.path} ({candidate.rows.length})
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!list} onClick={() => list && downloadCsv(baseName, list.rows)} data-testid="download-csv">
            {t('Tải CSV', 'Download CSV')}
          </button>
        </>
      ) : (
        <span className="muted">{t('Kết quả không có danh sách nào.', 'The result holds no list.')}</span>
      )}
      <button type="button" onClick={() => downloadJson(result.operationName, result.value)} data-testid="download-json">
        {t('Tải JSON', 'Download JSON')}
      </button>
    </div>
  );
}

function Explorer() {
  // A query opened from the dashboard's "see the query" link comes in the address.
  const params = new URLSearchParams(location.search);
  const saved = savedQueries.find((candidate) => candidate.name === params.get('saved'));
  const initialQuery = params.get('query') ?? saved?.query;
  const initialVariables = params.get('variables') ?? (saved ? JSON.stringify(saved.variables, null, 2) : undefined);
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[savedQueriesPlugin]}
      visiblePlugin={savedQueriesPlugin}
      defaultQuery={config.defaultQuery}
      defaultEditorToolsVisibility="variables"
      initialQuery={initialQuery}
      initialVariables={initialVariables ?? JSON.stringify(config.defaultVariables ?? {}, null, 2)}
      defaultHeaders={'{\n  "x-api-key": ""\n}'}
    >
      <GraphiQL.Logo>
        <a href="/dashboard" className="brand">Nông sản Graph</a>{' '}
        <a href={lang === 'en' ? '?lang=vi' : '?lang=en'} className="lang">{lang === 'en' ? 'Tiếng Việt' : 'English'}</a>
      </GraphiQL.Logo>
      <GraphiQL.Footer>
        <Downloads />
      </GraphiQL.Footer>
    </GraphiQL>
  );
}

createRoot(document.getElementById('explorer')!).render(<Explorer />);
