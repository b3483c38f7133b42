import { describeTabletLayout } from './support/describe-tablet-layout.ts';
import { webkitEngine } from './support/webkit-engine.ts';

// Safari's engine, as on the iPads most shops use: the same screens, sizes and checks as Chromium.
describeTabletLayout(webkitEngine);
