export {Store, feedKey, DEFAULT_FLUSH_MS, type FeedHandle} from './store.js';
export {applyChanges, emptyFeed, type Feed} from './feed.js';
