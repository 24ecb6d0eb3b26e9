// The baseline for the browser bench: a Phaser 4 game with one empty scene, configured like ours.
import Phaser from 'phaser';

class Empty extends Phaser.Scene {
  create(): void {
    this.game.events.once(Phaser.Core.Events.POST_RENDER, () => {
      (window as unknown as { __ready?: number }).__ready = performance.now();
    });
  }
}

new Phaser.Game({
  type: Phaser.AUTO,
  parent: 'game',
  width: 1600,
  height: 1000,
  scale: { mode: Phaser.Scale.FIT },
  render: { preserveDrawingBuffer: true },
  banner: false,
  audio: { noAudio: true },
  scene: [Empty],
});
