// React 19 sets a custom element's props as properties where it has them (`data`), as attributes
// otherwise (`src`), and `on<event>` props listen to that event: `onhs-focus` to hs-focus.
// The JSX typings come from the packages' `react` entries.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadDataset, type StateDataset } from '@statescope/core';
import '@statescope/view-projection/define';
import '@statescope/view-sequence/define';
import type {} from '@statescope/view-projection/react';
import type {} from '@statescope/view-sequence/react';

function App() {
  const [data, setData] = useState<StateDataset | null>(null);
  const [focus, setFocus] = useState(-1);
  useEffect(() => {
    void loadDataset(new URL('./tiny-imdb.json', document.baseURI).href).then(setData);
  }, []);
  return (
    <main>
      <hs-projection data={data} bus="react" pointSize={3} style={{ display: 'block', width: 640, height: 420 }} />
      <hs-sequence data={data} bus="react" source="tokens" onhs-focus={(event) => setFocus(event.detail.step)} />
      <p>
        focused step: <output id="focus">{focus}</output>
      </p>
      {/* Never rendered (its setter would throw); type-checked all the same: */}
      {/* @ts-expect-error the typings are real: `colorMode` takes the colour modes only */}
      {false && <hs-sequence colorMode="purple" />}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
