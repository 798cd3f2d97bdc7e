import {createContext, useContext} from 'react';
import type {Style, Theme, ThemeToken} from '../config/index.js';

const ThemeContext = createContext<Theme | undefined>(undefined);

/** Provides the theme to every component below. */
export const ThemeProvider = ThemeContext.Provider;

/** Ink <Text> props for a style. */
export type TextStyleProps = {
	readonly color?: string;
	readonly backgroundColor?: string;
	readonly bold?: boolean;
	readonly dimColor?: boolean;
	readonly inverse?: boolean;
	readonly underline?: boolean;
};

function toProps(style: Style): TextStyleProps {
	const props: {-readonly [K in keyof TextStyleProps]: TextStyleProps[K]} = {};
	if (style.fg) props.color = style.fg;
	if (style.bg) props.backgroundColor = style.bg;
	if (style.bold) props.bold = true;
	if (style.dim) props.dimColor = true;
	if (style.inverse) props.inverse = true;
	if (style.underline) props.underline = true;
	return props;
}

/** Returns a function from semantic token to Ink <Text> props; components never name a colour. */
export function useStyles(): (token: ThemeToken) => TextStyleProps {
	const theme = useContext(ThemeContext);
	if (!theme) throw new Error('useStyles outside ThemeProvider');
	return (token) => toProps(theme.styles[token]);
}
