// Layout (DESIGN §3): pure, deterministic placement of every topic for every structure.
export { BOUNDARY_FRAME, DETACHED_DEFAULT_GAP, FISHBONE_SLOPE, SUMMARY_BRACE, TOPIC_DECORATION, TREE_INDENT } from './constants.ts';
export { LayoutEngine, LayoutError, type LayoutOptions, layoutDoc } from './engine.ts';
export { splitSides } from './sides.ts';
export { CONNECTOR_KINDS, CONNECTOR_STRIDE, DIRECTIONS, LayoutTable, PlacedLayout, StaleLayoutError } from './table.ts';
export { type TopicMeasure, TopicMeasurer } from './topic-size.ts';
