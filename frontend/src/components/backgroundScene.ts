/**
 * The 3D background: a slowly breathing response surface (the shape a DOE fit draws) seen from
 * above at a low angle, drawn as faint lines and points.
 *
 * Cheap by design: the displacement runs in the vertex shader (no per-frame CPU work on
 * vertices), the pixel ratio is capped at 1, frames are throttled to ~24 fps, the loop stops while
 * the tab is hidden, and under prefers-reduced-motion exactly one still frame is drawn (again only
 * on resize). This module is loaded with a dynamic import so three.js never delays the chat.
 */
import * as THREE from "three";

export type SceneState = "running" | "paused" | "still";

export interface SceneHandle {
  dispose(): void;
}

const VERTEX = /* glsl */ `
  uniform float uTime;
  varying float vHeight;
  varying float vDist;
  float surface(vec2 p, float t) {
    return 0.55 * sin(p.x * 0.55 + t * 0.35) * cos(p.y * 0.45 - t * 0.25)
         + 0.35 * sin(length(p - vec2(2.0, -1.5)) * 0.8 - t * 0.5)
         - 0.012 * dot(p, p);
  }
  void main() {
    vec3 pos = position;
    pos.z = surface(pos.xy, uTime);
    vHeight = pos.z;
    vec4 mv = modelViewMatrix * vec4(pos, 1.0);
    vDist = -mv.z;
    gl_PointSize = 2.0;
    gl_Position = projectionMatrix * mv;
  }
`;

const FRAGMENT = /* glsl */ `
  uniform vec3 uLow;
  uniform vec3 uHigh;
  uniform float uAlpha;
  varying float vHeight;
  varying float vDist;
  void main() {
    float k = clamp(vHeight * 0.6 + 0.5, 0.0, 1.0);
    float fade = clamp(1.0 - (vDist - 6.0) / 22.0, 0.0, 1.0);
    gl_FragColor = vec4(mix(uLow, uHigh, k), uAlpha * fade);
  }
`;

export function webglAvailable(): boolean {
  try {
    const c = document.createElement("canvas");
    return Boolean(c.getContext("webgl2") ?? c.getContext("webgl"));
  } catch {
    return false;
  }
}

export function startScene(canvas: HTMLCanvasElement, onState: (s: SceneState) => void): SceneHandle {
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: false, alpha: true, powerPreference: "low-power" });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 1));
  renderer.setClearColor(0x000000, 0);

  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(50, 1, 0.1, 100);
  camera.position.set(0, -13, 5.2);
  camera.lookAt(0, 0, 0);

  const geometry = new THREE.PlaneGeometry(34, 26, 68, 52);
  const uniforms = {
    uTime: { value: 0 },
    uLow: { value: new THREE.Color("#2b3f7a") },
    uHigh: { value: new THREE.Color("#4fd1c5") },
    uAlpha: { value: 0.22 },
  };
  const lineMat = new THREE.ShaderMaterial({
    uniforms,
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    wireframe: true,
    transparent: true,
    depthWrite: false,
  });
  const pointUniforms = { ...uniforms, uAlpha: { value: 0.5 } };
  const pointMat = new THREE.ShaderMaterial({
    uniforms: pointUniforms,
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    transparent: true,
    depthWrite: false,
  });
  const surface = new THREE.Mesh(geometry, lineMat);
  const points = new THREE.Points(geometry, pointMat);
  const group = new THREE.Group();
  group.add(surface, points);
  scene.add(group);

  const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)");
  const frameMs = 1000 / 24;
  let raf = 0;
  let last = 0;
  let elapsed = 0;

  const resize = () => {
    const w = canvas.clientWidth || window.innerWidth;
    const h = canvas.clientHeight || window.innerHeight;
    renderer.setSize(w, h, false);
    camera.aspect = w / Math.max(h, 1);
    camera.updateProjectionMatrix();
  };

  const draw = (t: number) => {
    uniforms.uTime.value = t;
    pointUniforms.uTime.value = t;
    group.rotation.z = t * 0.01;
    renderer.render(scene, camera);
  };

  const loop = (now: number) => {
    raf = requestAnimationFrame(loop);
    if (now - last < frameMs) return;
    elapsed += Math.min(now - last, 100) / 1000; // a long gap (tab was hidden) does not jump
    last = now;
    draw(elapsed);
  };

  const stop = () => {
    cancelAnimationFrame(raf);
    raf = 0;
  };

  const update = () => {
    stop();
    if (reduced?.matches) {
      draw(elapsed);
      onState("still");
    } else if (document.visibilityState === "hidden") {
      onState("paused");
    } else {
      last = performance.now();
      raf = requestAnimationFrame(loop);
      onState("running");
    }
  };

  const onResize = () => {
    resize();
    if (reduced?.matches || document.visibilityState === "hidden") draw(elapsed);
  };

  resize();
  update();
  document.addEventListener("visibilitychange", update);
  window.addEventListener("resize", onResize);
  reduced?.addEventListener?.("change", update);

  return {
    dispose() {
      stop();
      document.removeEventListener("visibilitychange", update);
      window.removeEventListener("resize", onResize);
      reduced?.removeEventListener?.("change", update);
      geometry.dispose();
      lineMat.dispose();
      pointMat.dispose();
      renderer.dispose();
    },
  };
}
