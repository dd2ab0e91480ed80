import { useEffect, useState } from 'preact/hooks';

/** History-mode paths without a router library: the API falls back to index.html for them. */
const listeners = new Set<(path: string) => void>();

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  for (const listener of listeners) listener(path);
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    listeners.add(setPath);
    addEventListener('popstate', onPop);
    // A navigation between the first draw and this effect (a screen drawn by an unlock that then
    // moves on, as to the review list) reached no listener yet: take the path as it is now.
    onPop();
    return () => {
      listeners.delete(setPath);
      removeEventListener('popstate', onPop);
    };
  }, []);
  return path;
}
