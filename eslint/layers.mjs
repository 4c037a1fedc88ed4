// The layers of server/ (docs/architecture.md §2): imports point down only.
//   wechat/    adapters to WeChat             → core/, wechat/
//   store/     the order store, data access    → core/, wechat/, store/, the leaf helpers
//   handler.ts the function shell               → core/, wechat/, store/, the leaf helpers
//   <use case>/ checkout, orders, refunds, …   → core/, wechat/, store/, handler.ts, the leaf helpers, itself
// A use-case folder never imports another: what two use cases share goes down into store/ (or wechat/).
// And core/ imports nothing of server/ or src/. Relative imports are resolved, so a new folder is a use
// case without being listed here.
import path from 'node:path';

const LEAVES = new Set(['random', 'bounded']);

/** The layer of a file or import target under the repository root, or null outside server/ and core/. */
function layerOf(rel) {
  const parts = rel.split(path.sep).join('/').replace(/\.(tsx?|mjs|js)$/, '').split('/');
  if (parts[0] === 'core') return { layer: 'core' };
  if (parts[0] !== 'server') return parts[0] === 'src' ? { layer: 'src' } : null;
  if (parts.length === 2) return LEAVES.has(parts[1]) ? { layer: 'leaf' } : { layer: 'handler' };
  if (parts[1] === 'wechat' || parts[1] === 'store') return { layer: parts[1] };
  return { layer: 'usecase', folder: parts[1] };
}

const ALLOWED = {
  core: ['core'],
  wechat: ['core', 'wechat'],
  store: ['core', 'wechat', 'store', 'leaf'],
  leaf: ['core', 'leaf'],
  handler: ['core', 'wechat', 'store', 'leaf'],
  usecase: ['core', 'wechat', 'store', 'leaf', 'handler', 'usecase'],
};

export const layersRule = {
  meta: { type: 'problem', messages: { wrongWay: '{{from}} may not import {{to}} ({{why}}).' } },
  create(context) {
    const root = context.cwd ?? process.cwd();
    const file = path.relative(root, context.filename ?? context.getFilename());
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(path.resolve(root, file)), spec));
      const to = layerOf(target);
      if (!to) return;
      const sameUseCase = from.layer === 'usecase' && to.layer === 'usecase' && from.folder === to.folder;
      const ok = ALLOWED[from.layer].includes(to.layer) && (to.layer !== 'usecase' || sameUseCase);
      if (ok) return;
      const why = from.layer === 'usecase' && to.layer === 'usecase' ? 'use-case folders do not import each other; move what they share into server/store/'
        : `the ${from.layer} layer only imports ${ALLOWED[from.layer].join(', ')}`;
      context.report({ node, messageId: 'wrongWay', data: { from: file, to: target, why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { 'import-direction': layersRule } };
