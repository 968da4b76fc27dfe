// Public surface of rendering: themes now; shapes and the SVG serializer are added by their owner.
export * from './themes.ts';
