import { chromiumEngine } from './support/chromium-engine.ts';
import { describeTabletLayout } from './support/describe-tablet-layout.ts';

describeTabletLayout(chromiumEngine);
