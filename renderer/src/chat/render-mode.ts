// `?render=baseline` turns off the message-list virtualisation, block-wise Markdown and the
// one-update-per-frame batching, so `npm run bench` can measure the same app without them, side
// by side in one run. Nothing else sets it.
export const baselineRender: boolean =
  typeof location !== 'undefined' && new URLSearchParams(location.search).get('render') === 'baseline';
