// The baseline for the browser bench: a Phaser 4 game with one empty scene, configured like the game's map
// (src/ui/map/index.ts): the canvas size the map takes in this 760x475 parent at 1x, and the same render settings.
import Phaser from 'phaser';

class Empty extends Phaser.Scene {
  create(): void {
    // The same moment the game's bench mark records: the animation frame after the first frame, when that frame
    // has been handed to the screen.
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => {
      requestAnimationFrame(() => {
        (window as unknown as { __ready?: number }).__ready = performance.now();
      });
    });
  }
}

new Phaser.Game({
  type: Phaser.AUTO,
  parent: 'game',
  width: 800,
  height: 500,
  scale: { mode: Phaser.Scale.FIT },
  transparent: true,
  render: { preserveDrawingBuffer: true, antialias: true, antialiasGL: false, maxTextures: 1 },
  banner: false,
  audio: { noAudio: true },
  input: { keyboard: false },
  autoFocus: false,
  scene: [Empty],
});
