import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Post } from '../../domain/directory/model.ts';
import { DynamoPostDirectory } from '../../functions/adapters/dynamodb/post-directory.ts';

/**
 * The union posts the local stack starts with: a few of Qingdao's legal-aid posts (names illustrative), so
 * transfers and partner-opened cases have somewhere to go. An admin adds more with `PUT /posts/{postId}`.
 */
export const LOCAL_POSTS: readonly Omit<Post, 'updatedAt' | 'updatedBy'>[] = [
  { postId: 'QD-SN-01', name: 'Shinan District Trade Union Legal-Aid Post', district: 'Shinan' },
  { postId: 'QD-LS-02', name: 'Laoshan District Trade Union Legal-Aid Post', district: 'Laoshan' },
  { postId: 'QD-SB-03', name: 'Shibei District Trade Union Legal-Aid Post', district: 'Shibei' },
  {
    postId: 'QD-HD-04',
    name: 'West Coast New Area Joint Mediation Workstation (arbitration institute)',
    district: 'Huangdao',
  },
  {
    postId: 'QD-LC-05',
    name: 'Licang New-Employment-Form Workers Legal-Aid Station',
    district: 'Licang',
  },
];

export async function seedPosts(client: DynamoDBClient, tableName: string): Promise<void> {
  const posts = new DynamoPostDirectory(DynamoDBDocumentClient.from(client), tableName, null);
  const now = new Date().toISOString();
  for (const post of LOCAL_POSTS) {
    if (!(await posts.get(post.postId)))
      await posts.put({ ...post, updatedAt: now, updatedBy: 'local-seed' });
  }
}
