// 搜索 in the shop: name and description, as typed (storefront.search escapes it for the database),
// 20 at a time with 加载更多. While a search is on, its results replace the shelf; ✕ goes back.
import { Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { CARD_PAGE, type ProductCardView } from '../../../core/contracts/views';
import { PageState } from '../../components/PageState';
import { ProductCard } from '../../components/ProductCard';
import { call, errorMessage } from '../../services/cloud';
import { T } from '../../text';


interface Results {
  query: string;
  items: ProductCardView[];
  hasMore: boolean;
}

export function useSearch(shopId: string) {
  const [results, setResults] = useState<Results | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const run = async (query: string, more: boolean) => {
    const q = query.trim();
    if (!q) return setResults(null);
    const mine = ++seq.current;
    setBusy(true);
    setError(null);
    try {
      const offset = more && results ? results.items.length : 0;
      const page = await call('storefront', 'search', { shopId, query: q, offset, limit: CARD_PAGE });
      if (mine !== seq.current) return;
      setResults({ query: q, items: more && results ? [...results.items, ...page.items] : page.items, hasMore: page.hasMore });
    } catch (err) {
      if (mine === seq.current) setError(errorMessage(err));
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  };
  const clear = () => {
    seq.current += 1;
    setResults(null);
    setError(null);
    setBusy(false);
  };
  return { results, busy, error, search: (q: string) => void run(q, false), more: () => results && void run(results.query, true), clear };
}

export function SearchBar({ onSearch, onClear, active }: { onSearch: (q: string) => void; onClear: () => void; active: boolean }) {
  const [text, setText] = useState('');
  return (
    <View className="search">
      <Input
        className="search__input" data-testid="search-input" value={text} maxlength={30} confirmType="search"
        placeholder={T.search.placeholder} onInput={(e) => setText(e.detail.value)} onConfirm={() => onSearch(text)}
      />
      {active || text ? (
        <Text className="search__action" data-testid="search-clear" onClick={() => { setText(''); onClear(); }}>✕</Text>
      ) : null}
      <Text className="search__action search__go" data-testid="search-go" onClick={() => onSearch(text)}>{T.search.go}</Text>
    </View>
  );
}

interface ResultsProps {
  state: ReturnType<typeof useSearch>;
  onOpen: (p: ProductCardView) => void;
  onAdd: (p: ProductCardView) => void;
}

export function SearchResults({ state, onOpen, onAdd }: ResultsProps) {
  const { results, busy, error } = state;
  if (error && !results) return <PageState kind="error" message={error} />;
  if (!results) return <PageState kind="loading" />;
  if (results.items.length === 0) return <PageState kind="empty" message={T.search.none(results.query)} />;
  return (
    <View data-testid="search-results">
      <Text className="muted search__count">{T.search.found(results.query)}</Text>
      <View className="shop__grid">
        {results.items.map((p) => <ProductCard key={p.productId} product={p} onOpen={onOpen} onAdd={onAdd} />)}
      </View>
      {results.hasMore && (
        <View className="search__more" data-testid="search-more" onClick={() => !busy && state.more()}>{busy ? T.search.loading : T.search.more}</View>
      )}
    </View>
  );
}
