import {Text} from 'ink';
import {Component, type ReactNode} from 'react';

/** Props of the error boundary around each screen. */
export type ScreenBoundaryProps = {
	readonly children: ReactNode;
	/** Told the message once, for the flash line. */
	readonly onError: (message: string) => void;
};

/**
 * Catches a render bug in one screen so the rest of the app (and the way back
 * with esc) keeps working; the stack trace never reaches the terminal.
 */
export class ScreenBoundary extends Component<ScreenBoundaryProps, {message: string | undefined}> {
	override state: {message: string | undefined} = {message: undefined};

	static getDerivedStateFromError(error: unknown): {message: string} {
		return {message: error instanceof Error ? error.message : String(error)};
	}

	override componentDidCatch(error: unknown): void {
		this.props.onError(`this screen failed: ${error instanceof Error ? error.message : String(error)} (esc to go back)`);
	}

	override render(): ReactNode {
		if (this.state.message !== undefined) return <Text>{`This screen failed to draw: ${this.state.message}`}</Text>;
		return this.props.children;
	}
}
