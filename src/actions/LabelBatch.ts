import {
	BufferAttribute,
	DataArrayTexture,
	DynamicDrawUsage,
	InstancedBufferAttribute,
	InstancedBufferGeometry,
	LinearFilter,
	Mesh,
	ShaderMaterial,
	SRGBColorSpace,
	type Vector3,
} from 'three';

const VERTEX = /* glsl */ `
attribute vec3 labelAnchor;
attribute vec2 labelSize;
attribute float labelLayer;
varying vec2 vUv;
varying float vLayer;
void main() {
	// A billboard like three's Sprite: the quad lies in view space, its bottom edge centred on the anchor.
	vUv = vec2( position.x + 0.5, position.y );
	vLayer = labelLayer;
	vec4 mvPosition = modelViewMatrix * vec4( labelAnchor, 1.0 );
	mvPosition.xy += position.xy * labelSize;
	gl_Position = projectionMatrix * mvPosition;
}`;

const FRAGMENT = /* glsl */ `
uniform sampler2DArray map;
varying vec2 vUv;
varying float vLayer;
void main() {
	// Layers hold canvas rows top first (no flip on upload), so the quad's top samples row 0.
	gl_FragColor = texture( map, vec3( vUv.x, 1.0 - vUv.y, vLayer ) );
	#include <colorspace_fragment>
}`;

/**
 * Every label in one draw call per view: the label images are layers of one array texture, the
 * quads one instanced billboard. One sprite per label cost a draw call, a texture bind and a
 * material's uniforms each, per eye, per frame — most of what the labels added to the host's
 * render. A label's image is uploaded only when it changes (one layer), its place every frame
 * (a few floats each).
 *
 * ```ts
 * const batch = new LabelBatch( 512, 160 );
 * scene.add( batch.mesh );
 * const layer = batch.allocate();
 * batch.setImage( layer, ctx.getImageData( 0, 0, 512, 160 ).data );
 * // each frame:
 * batch.begin();
 * batch.push( layer, anchor, 0.3, 0.1 );
 * batch.end();
 * ```
 */
export class LabelBatch {
	readonly mesh: Mesh<InstancedBufferGeometry, ShaderMaterial>;
	// Made by `grow`, called from the constructor.
	private texture!: DataArrayTexture;
	private anchors!: InstancedBufferAttribute;
	private sizes!: InstancedBufferAttribute;
	private layers!: InstancedBufferAttribute;
	private readonly free: number[] = [];
	private capacity = 0;
	private count = 0;
	/** Whether the current texture has been uploaded whole once (after which layers go up alone). */
	private uploaded = false;

	constructor(
		readonly width: number,
		readonly height: number,
		initialCapacity = 16,
	) {
		const geometry = new InstancedBufferGeometry();
		geometry.setAttribute(
			'position',
			new BufferAttribute(new Float32Array([-0.5, 0, 0, 0.5, 0, 0, 0.5, 1, 0, -0.5, 1, 0]), 3),
		);
		geometry.setIndex([0, 1, 2, 0, 2, 3]);
		geometry.instanceCount = 0;
		const material = new ShaderMaterial({
			uniforms: { map: { value: null } },
			vertexShader: VERTEX,
			fragmentShader: FRAGMENT,
			transparent: true,
			depthTest: false,
			depthWrite: false,
		});
		this.mesh = new Mesh(geometry, material);
		this.mesh.name = 'xr-sense label batch';
		this.mesh.renderOrder = 1000;
		// The quads are placed in the shader; the base quad's bounds say nothing about where they are.
		this.mesh.frustumCulled = false;
		// A pointer ray must not hit an invisible unit quad at the group's origin.
		this.mesh.raycast = () => {};
		// Where it draws comes from the labels' layout sprites, not from its own bounds (see overlayRects).
		this.mesh.userData.xrSenseBatch = true;
		this.grow(Math.max(1, initialCapacity));
	}

	/** How many labels the batch holds now (its layers grow on demand). */
	get size(): number {
		return this.capacity;
	}

	/** A layer for one label's image; `release` it when the label goes. */
	allocate(): number {
		if (this.free.length === 0) this.grow(this.capacity * 2);
		return this.free.pop() as number;
	}

	release(layer: number): void {
		this.free.push(layer);
	}

	/** Copies a label's RGBA image (`width × height`, rows top first) into its layer for upload. */
	setImage(layer: number, rgba: Uint8ClampedArray | Uint8Array): void {
		const bytes = this.width * this.height * 4;
		if (rgba.length !== bytes) throw new RangeError(`LabelBatch: an image has ${rgba.length} bytes, not ${bytes}`);
		(this.texture.image.data as Uint8Array).set(rgba, layer * bytes);
		// Before a texture's first upload, every layer goes up anyway; naming one would send only it.
		if (this.uploaded) this.texture.addLayerUpdate(layer);
		this.texture.needsUpdate = true;
	}

	/** The stored image of one layer (what is uploaded), rows top first. */
	image(layer: number): Uint8Array {
		const bytes = this.width * this.height * 4;
		return (this.texture.image.data as Uint8Array).subarray(layer * bytes, (layer + 1) * bytes);
	}

	/** Starts a frame's list of shown labels. */
	begin(): void {
		this.count = 0;
	}

	/** Shows `layer`'s image as a `width × height` m billboard whose bottom edge is centred on `anchor`. */
	push(layer: number, anchor: Vector3, width: number, height: number): void {
		const i = this.count++;
		this.anchors.setXYZ(i, anchor.x, anchor.y, anchor.z);
		this.sizes.setXY(i, width, height);
		this.layers.setX(i, layer);
	}

	/** Ends the frame's list: only the entries written are uploaded and drawn. */
	end(): void {
		const n = this.count;
		this.mesh.geometry.instanceCount = n;
		this.mesh.visible = n > 0;
		if (n === 0) return;
		for (const [attribute, itemSize] of [
			[this.anchors, 3],
			[this.sizes, 2],
			[this.layers, 1],
		] as const) {
			attribute.clearUpdateRanges();
			attribute.addUpdateRange(0, n * itemSize);
			attribute.needsUpdate = true;
		}
	}

	dispose(): void {
		this.texture.dispose();
		this.mesh.geometry.dispose();
		this.mesh.material.dispose();
		this.mesh.removeFromParent();
	}

	private makeTexture(layers: number): DataArrayTexture {
		const texture = new DataArrayTexture(
			new Uint8Array(this.width * this.height * 4 * layers),
			this.width,
			this.height,
			layers,
		);
		texture.colorSpace = SRGBColorSpace;
		texture.minFilter = LinearFilter;
		texture.magFilter = LinearFilter;
		texture.generateMipmaps = false;
		texture.needsUpdate = true;
		this.uploaded = false;
		texture.onUpdate = () => {
			this.uploaded = true;
		};
		return texture;
	}

	/** Makes room for `capacity` labels: a larger texture (images kept) and instance buffers. */
	private grow(capacity: number): void {
		const previous = this.capacity;
		const old = previous > 0 ? this.texture : null;
		const texture = this.makeTexture(capacity);
		if (old) (texture.image.data as Uint8Array).set(old.image.data as Uint8Array);
		old?.dispose();
		this.texture = texture;
		this.mesh.material.uniforms.map.value = texture;
		const geometry = this.mesh.geometry;
		const instanced = (name: string, itemSize: number, from: InstancedBufferAttribute | null) => {
			const attribute = new InstancedBufferAttribute(new Float32Array(capacity * itemSize), itemSize);
			attribute.setUsage(DynamicDrawUsage);
			if (from) attribute.array.set(from.array);
			geometry.setAttribute(name, attribute);
			return attribute;
		};
		this.anchors = instanced('labelAnchor', 3, previous > 0 ? this.anchors : null);
		this.sizes = instanced('labelSize', 2, previous > 0 ? this.sizes : null);
		this.layers = instanced('labelLayer', 1, previous > 0 ? this.layers : null);
		// Handed out lowest first.
		for (let layer = capacity - 1; layer >= previous; layer--) this.free.push(layer);
		this.capacity = capacity;
	}
}
