import { useEffect, useRef, useState } from "react";
import type { SceneState } from "./backgroundScene";

/**
 * The decorative 3D layer behind the chat. three.js is imported lazily after the first paint;
 * without WebGL the CSS gradient underneath is all that shows.
 */
export function Background() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<SceneState | "off" | "loading">("loading");

  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | null = null;
    const start = async () => {
      const mod = await import("./backgroundScene");
      if (disposed || !canvasRef.current) return;
      if (!mod.webglAvailable()) {
        setState("off");
        return;
      }
      try {
        dispose = mod.startScene(canvasRef.current, setState).dispose;
      } catch {
        setState("off");
      }
    };
    // Let the chat render and become interactive first.
    const idle = window.setTimeout(() => void start(), 150);
    return () => {
      disposed = true;
      window.clearTimeout(idle);
      dispose?.();
    };
  }, []);

  return (
    <div className="background" aria-hidden="true" data-scene={state}>
      <canvas ref={canvasRef} className="background-canvas" />
    </div>
  );
}
