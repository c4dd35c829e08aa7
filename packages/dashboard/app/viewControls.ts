import type { ColorMode, LinkBus } from '@statescope/bus';
import type { DashboardElement } from '@statescope/dashboard';
import type { HeatmapView } from '@statescope/view-heatmap';
import type { HistogramView } from '@statescope/view-histogram';
import type { ProjectionView } from '@statescope/view-projection';

/** The views the controls drive, by their place in `dashboard.views`. */
interface DrivenViews {
  map: ProjectionView;
  heatmap: HeatmapView;
  histogram: HistogramView;
}

/** One control: its labelled element, and how it shows the state it controls. */
interface Control {
  element: HTMLElement;
  show(): void;
}

type Choices<T extends string> = readonly (readonly [value: T, text: string])[];

// The choices of each menu, [value, visible text]: values are the views' attribute values.
const COLOR_MODES: Choices<ColorMode> = [
  ['expected', 'expected prediction'],
  ['predicted', 'predicted class'],
  ['true', 'true class'],
];
const HEATMAP_MODES: Choices<'sequence' | 'aggregate'> = [
  ['sequence', 'per sequence'],
  ['aggregate', 'mean by position'],
];
const ALIGNMENTS: Choices<'start' | 'end'> = [
  ['start', 'start'],
  ['end', 'end'],
];
const HISTOGRAM_MODES: Choices<'steps' | 'distribution'> = [
  ['steps', 'per step'],
  ['distribution', 'distribution'],
];
const TRAJECTORY_COLORS: Choices<'expected' | 'time'> = [
  ['expected', 'prediction'],
  ['time', 'time'],
];
const TRAJECTORY_WIDTHS: Choices<'constant' | 'time' | 'distance'> = [
  ['constant', 'constant'],
  ['time', 'time'],
  ['distance', 'state change'],
];
const PLACEMENTS: Choices<'after' | 'before'> = [
  ['after', 'after jump'],
  ['before', 'before jump'],
];
/** Point sizes offered, in CSS pixels; '' is the map's own choice by point count. */
const POINT_SIZES: Choices<string> = [
  ['', 'auto'],
  ...[1, 2, 3, 4, 6, 8].map((px) => [String(px), `${px} px`] as const),
];

/** The attributes of the views that the controls show: a change from anywhere updates them. */
const WATCHED = ['mode', 'align', 'trajectory-color', 'trajectory-width', 'labels', 'label-placement', 'point-size'];

/**
 * Fills `container` with a labelled native control for every mode of the dashboard's views: the
 * shared colour mode, jump thresholds and fades (bus options and filters, published with the
 * dashboard as source), and the heatmap's, histogram's and map's own attributes. Each control
 * shows the current state, whoever changed it (the map's colour menu, the histogram's threshold
 * line, a restored state, another dataset on a fresh bus). Returns a function that takes them away.
 */
export function mountViewControls(dashboard: DashboardElement, container: HTMLElement): () => void {
  const views: DrivenViews = {
    map: dashboard.views[2] as ProjectionView,
    heatmap: dashboard.views[4] as HeatmapView,
    histogram: dashboard.views[5] as HistogramView,
  };
  const bus = (): LinkBus => dashboard.bus;
  const source = () => dashboard.source;
  const { map, heatmap, histogram } = views;

  const groups: [string, Control[]][] = [
    [
      'Colour',
      [
        select('Colour by', COLOR_MODES, {
          read: () => bus().options.colorMode,
          write: (colorMode) => bus().setOptions({ colorMode }, source()),
        }),
      ],
    ],
    [
      'Heatmap',
      [
        select('Heatmap', HEATMAP_MODES, { read: () => heatmap.mode, write: (mode) => (heatmap.mode = mode) }),
        select('Align', ALIGNMENTS, {
          read: () => heatmap.align,
          write: (align) => (heatmap.align = align),
          enabled: () => heatmap.mode === 'aggregate',
        }),
      ],
    ],
    [
      'Histogram',
      [select('Histogram', HISTOGRAM_MODES, { read: () => histogram.mode, write: (mode) => (histogram.mode = mode) })],
    ],
    [
      'Map',
      [
        select('Point size', POINT_SIZES, {
          read: () => (map.pointSize === null ? '' : String(map.pointSize)),
          write: (size) => (map.pointSize = size === '' ? null : Number(size)),
        }),
        select('Trajectory colour', TRAJECTORY_COLORS, {
          read: () => map.trajectoryColor,
          write: (color) => (map.trajectoryColor = color),
        }),
        select('Trajectory width', TRAJECTORY_WIDTHS, {
          read: () => map.trajectoryWidth,
          write: (width) => (map.trajectoryWidth = width),
        }),
      ],
    ],
    [
      'Jump labels',
      [
        checkbox('Jump labels', {
          read: () => map.labels !== 'none',
          write: (on) => (map.labels = on ? 'jumps' : 'none'),
        }),
        select('Labels at', PLACEMENTS, {
          read: () => map.labelPlacement,
          write: (placement) => (map.labelPlacement = placement),
          enabled: () => map.labels !== 'none',
        }),
        range('Distance threshold', {
          read: () => bus().options.distanceThreshold,
          write: (distanceThreshold) => bus().setOptions({ distanceThreshold }, source()),
        }),
        range('Prediction threshold', {
          read: () => bus().options.predictionThreshold,
          write: (predictionThreshold) => bus().setOptions({ predictionThreshold }, source()),
        }),
      ],
    ],
    [
      'Fade',
      [
        checkbox('Fade correct', {
          read: () => bus().filters.fadeCorrect,
          write: (fadeCorrect) => bus().setFilters({ fadeCorrect }, source()),
        }),
        checkbox('Fade misclassified', {
          read: () => bus().filters.fadeWrong,
          write: (fadeWrong) => bus().setFilters({ fadeWrong }, source()),
        }),
      ],
    ],
  ];

  const controls = groups.flatMap(([, members]) => members);
  const showAll = () => {
    for (const control of controls) control.show();
  };
  container.setAttribute('role', 'group');
  container.setAttribute('aria-label', 'View options');
  container.replaceChildren(
    ...groups.map(([name, members]) => {
      const group = document.createElement('div');
      group.className = 'control-group';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', name);
      group.append(...members.map((control) => control.element));
      return group;
    }),
  );
  // A control changed by the user writes the state; reading it back keeps dependent ones right
  // (the alignment is only for the aggregate heatmap, the placement only for shown labels).
  container.addEventListener('change', showAll);

  const mounted = new AbortController();
  let following: AbortController | null = null;
  /** Follows the dashboard's bus; a new one (another dataset) is shown as it starts. */
  const follow = () => {
    following?.abort();
    following = new AbortController();
    const options = { signal: following.signal };
    bus().on('options', showAll, options);
    bus().on('filter', showAll, options);
    showAll();
  };
  dashboard.addEventListener('hs-shown', follow, { signal: mounted.signal });
  const attributes = new MutationObserver(showAll);
  for (const view of Object.values(views)) attributes.observe(view, { attributeFilter: WATCHED });
  follow();

  return () => {
    mounted.abort();
    following?.abort();
    attributes.disconnect();
    container.replaceChildren();
  };
}

interface Binding<T> {
  read: () => T;
  write: (value: T) => void;
  /** Whether the control applies now (default: always). */
  enabled?: () => boolean;
}

/** A `<label>` holding its visible name and the control. */
function labelled(name: string, control: HTMLElement, after = false): HTMLLabelElement {
  const label = document.createElement('label');
  const text = document.createElement('span');
  text.textContent = name;
  if (after) label.append(control, text);
  else label.append(text, control);
  return label;
}

function select<T extends string>(name: string, choices: Choices<T>, binding: Binding<T>): Control {
  const element = document.createElement('select');
  for (const [value, text] of choices) element.add(new Option(text, value));
  element.addEventListener('change', () => binding.write(element.value as T));
  return {
    element: labelled(name, element),
    show() {
      const value = binding.read();
      // A value set by code that the list lacks (a point size of 5) is shown, not silently another.
      if (![...element.options].some((option) => option.value === value)) element.add(new Option(value, value));
      element.value = value;
      element.disabled = binding.enabled ? !binding.enabled() : false;
    },
  };
}

function checkbox(name: string, binding: Binding<boolean>): Control {
  const element = document.createElement('input');
  element.type = 'checkbox';
  element.addEventListener('change', () => binding.write(element.checked));
  return {
    element: labelled(name, element, true),
    show() {
      element.checked = binding.read();
    },
  };
}

/** A 0 to 1 slider with its value beside it, writing as it moves. */
function range(name: string, binding: Binding<number>): Control {
  const element = document.createElement('input');
  element.type = 'range';
  element.min = '0';
  element.max = '1';
  element.step = '0.01';
  const output = document.createElement('output');
  const showValue = (value: number) => (output.value = value.toFixed(2));
  element.addEventListener('input', () => {
    const value = Number(element.value);
    binding.write(value);
    showValue(value);
  });
  const label = labelled(name, element);
  label.append(output);
  return {
    element: label,
    show() {
      const value = binding.read();
      element.value = String(value);
      showValue(value);
    },
  };
}
