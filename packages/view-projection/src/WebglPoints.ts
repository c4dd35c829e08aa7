const VERTEX_SHADER = `#version 300 es
in vec2 position;
in vec4 color;
uniform vec4 transform; // ax, bx, ay, by: device pixels = data * a + b
uniform vec2 size;      // canvas size in device pixels
uniform float pointSize;
out vec4 pointColor;
void main() {
  vec2 pixel = vec2(position.x * transform.x + transform.y, position.y * transform.z + transform.w);
  gl_Position = vec4(pixel.x / size.x * 2.0 - 1.0, 1.0 - pixel.y / size.y * 2.0, 0.0, 1.0);
  gl_PointSize = pointSize;
  pointColor = color;
}`;

const FRAGMENT_SHADER = `#version 300 es
precision mediump float;
in vec4 pointColor;
uniform float round;
out vec4 fragment;
void main() {
  if (round > 0.5 && length(gl_PointCoord - 0.5) > 0.5) discard;
  fragment = vec4(pointColor.rgb * pointColor.a, pointColor.a); // premultiplied, as the page composites
}`;

/** Renderer names of software rasterisers, where Canvas 2D splatting is the faster path. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

let hardware: boolean | null = null;

/** Whether this browser has WebGL 2 on a real GPU (probed once per page). */
export function hasHardwareWebgl(): boolean {
  if (hardware !== null) return hardware;
  hardware = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      hardware = !SOFTWARE_RENDERER.test(renderer);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    hardware = false;
  }
  return hardware;
}

/**
 * The point cloud drawn with WebGL 2, for machines with a GPU: positions, colours and the draw
 * order live in GPU buffers, uploaded only when they change (compared by identity), so a pan or
 * zoom frame is one draw call. Same inputs as {@link splatPoints}: faded points first, opacity
 * baked into the colour words.
 */
export class WebglPoints {
  /** The canvas's WebGL 2 context. */
  readonly gl: WebGL2RenderingContext;
  readonly #program: WebGLProgram;
  readonly #positions: WebGLBuffer;
  readonly #colors: WebGLBuffer;
  readonly #order: WebGLBuffer;
  readonly #vao: WebGLVertexArrayObject;
  readonly #uniforms: Record<'transform' | 'size' | 'pointSize' | 'round', WebGLUniformLocation | null>;
  #uploaded: { positions?: Float32Array; colors?: Uint32Array; order?: Uint32Array } = {};

  /** Throws when the canvas has no WebGL 2 context. */
  constructor(canvas: HTMLCanvasElement) {
    const gl = canvas.getContext('webgl2', { antialias: false, premultipliedAlpha: true, alpha: true });
    if (!gl) throw new Error('WebGL 2 is not available');
    this.gl = gl;
    this.#program = link(gl, VERTEX_SHADER, FRAGMENT_SHADER);
    this.#positions = gl.createBuffer()!;
    this.#colors = gl.createBuffer()!;
    this.#order = gl.createBuffer()!;
    this.#vao = gl.createVertexArray()!;
    gl.bindVertexArray(this.#vao);
    const position = gl.getAttribLocation(this.#program, 'position');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#positions);
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0);
    const color = gl.getAttribLocation(this.#program, 'color');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#colors);
    gl.enableVertexAttribArray(color);
    gl.vertexAttribPointer(color, 4, gl.UNSIGNED_BYTE, true, 0, 0); // RGBA words are R, G, B, A bytes
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.#order);
    gl.bindVertexArray(null);
    this.#uniforms = {
      transform: gl.getUniformLocation(this.#program, 'transform'),
      size: gl.getUniformLocation(this.#program, 'size'),
      pointSize: gl.getUniformLocation(this.#program, 'pointSize'),
      round: gl.getUniformLocation(this.#program, 'round'),
    };
  }

  /** Draws `order[0..count-1]`; the transform maps data to device pixels. */
  draw(
    coordinates: Float32Array,
    order: Uint32Array,
    count: number,
    colors: Uint32Array,
    ax: number,
    bx: number,
    ay: number,
    by: number,
    pointSize: number,
  ): void {
    const gl = this.gl;
    const uploaded = this.#uploaded;
    gl.bindVertexArray(this.#vao);
    if (uploaded.positions !== coordinates) {
      gl.bindBuffer(gl.ARRAY_BUFFER, this.#positions);
      gl.bufferData(gl.ARRAY_BUFFER, coordinates, gl.DYNAMIC_DRAW);
      uploaded.positions = coordinates;
    }
    if (uploaded.colors !== colors) {
      gl.bindBuffer(gl.ARRAY_BUFFER, this.#colors);
      gl.bufferData(gl.ARRAY_BUFFER, colors, gl.DYNAMIC_DRAW);
      uploaded.colors = colors;
    }
    if (uploaded.order !== order) {
      gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, order.subarray(0, count), gl.DYNAMIC_DRAW);
      uploaded.order = order;
    }
    const { width, height } = gl.canvas;
    gl.viewport(0, 0, width, height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.useProgram(this.#program);
    gl.uniform4f(this.#uniforms.transform, ax, bx, ay, by);
    gl.uniform2f(this.#uniforms.size, width, height);
    gl.uniform1f(this.#uniforms.pointSize, pointSize);
    gl.uniform1f(this.#uniforms.round, pointSize >= 4 ? 1 : 0);
    gl.drawElements(gl.POINTS, count, gl.UNSIGNED_INT, 0);
    gl.bindVertexArray(null);
  }
}

function link(gl: WebGL2RenderingContext, vertexSource: string, fragmentSource: string): WebGLProgram {
  const program = gl.createProgram()!;
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertexSource],
    [gl.FRAGMENT_SHADER, fragmentSource],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(String(gl.getShaderInfoLog(shader)));
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(String(gl.getProgramInfoLog(program)));
  return program;
}
