import { chromiumEngine } from './support/chromium-engine.ts';
import { describeStandaloneNavigation } from './support/describe-standalone-navigation.ts';

describeStandaloneNavigation(chromiumEngine);
