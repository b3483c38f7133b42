import { describeStandaloneNavigation } from './support/describe-standalone-navigation.ts';
import { webkitEngine } from './support/webkit-engine.ts';

// Safari's engine, as on the iPads most shops use; on WebKit a tap is a click (WebDriverLocator.tap).
describeStandaloneNavigation(webkitEngine);
