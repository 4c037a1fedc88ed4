// Loading an owner page's data: loading, ready or error, with the error's code kept so a non-owner sees
// why they cannot enter (the server answers NOT_SHOP_OWNER before reading anything; docs/product.md §B7).
import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { errorCode, errorMessage } from '../../services/cloud';

export interface Loaded<T> {
  data: T | null;
  error: { code: string | null; message: string } | null;
  loading: boolean;
  reload: () => Promise<T | null>;
  set: (data: T) => void;
}

/** Runs `load` whenever the page shows (coming back from an editor refreshes the list). */
export function useOwnerLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Loaded<T>['error']>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(load);
  latest.current = load;
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const d = await latest.current();
      if (mine === generation.current) {
        setData(d);
        setError(null);
      }
      return d;
    } catch (err) {
      if (mine === generation.current) setError({ code: errorCode(err), message: errorMessage(err) });
      return null;
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);
  useDidShow(() => void reload());
  return { data, error, loading, reload, set: setData };
}
